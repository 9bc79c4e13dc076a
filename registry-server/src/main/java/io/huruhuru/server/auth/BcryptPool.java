package io.huruhuru.server.auth;

import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.Callable;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The few threads where bcrypt runs, apart from the storage pool so that a flood of logins never delays storage,
 * with a bounded queue so that such a flood is refused ({@link Busy}, answered 429) instead of queued without end.
 */
public final class BcryptPool implements AutoCloseable {

    /** Two cores' worth: bcrypt is pure computation. */
    public static final int THREADS = 2;
    /** Checks waiting beyond the running ones; at cost 10 about a second of work per thread. */
    public static final int QUEUE = 32;

    private final ThreadPoolExecutor executor;

    /** Refused because the queue is full; the client should retry shortly. */
    public static final class Busy extends RuntimeException {
        Busy() {
            super("too many logins being checked", null, false, false);
        }
    }

    public BcryptPool(int threads, int queue) {
        AtomicInteger count = new AtomicInteger();
        this.executor = new ThreadPoolExecutor(threads, threads, 0, TimeUnit.SECONDS, new ArrayBlockingQueue<>(queue),
                task -> {
                    Thread thread = new Thread(task, "huruhuru-bcrypt-" + count.incrementAndGet());
                    thread.setDaemon(true);
                    return thread;
                }, new ThreadPoolExecutor.AbortPolicy());
    }

    /** Runs {@code task} on a bcrypt thread; the result comes back on the calling context, or fails with Busy. */
    public <T> Future<T> run(Vertx vertx, Callable<T> task) {
        Context context = vertx.getOrCreateContext();
        Promise<T> result = Promise.promise();
        try {
            executor.execute(() -> {
                try {
                    T value = task.call();
                    context.runOnContext(v -> result.complete(value));
                } catch (Throwable failure) {
                    context.runOnContext(v -> result.fail(failure));
                }
            });
        } catch (RejectedExecutionException full) {
            return Future.failedFuture(new Busy());
        }
        return result.future();
    }

    @Override
    public void close() {
        executor.shutdownNow();
    }
}
