package io.huruhuru.server.blocking;

import io.huruhuru.server.log.RequestLogContext;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.WorkerExecutor;
import java.time.Duration;
import java.util.concurrent.Callable;

/**
 * The named worker pool where every RocksDB call and all hashing run, so that event loops only parse, route and move
 * buffers. Results come back on the calling event loop. It counts the tasks it has accepted, so that shutdown can wait
 * for the last storage call before the store is closed.
 */
public final class Blocking implements AutoCloseable {

    /** Enough for 32 concurrent pushes to hash while readers wait on RocksDB, without starving 2 cores. */
    public static final int POOL_SIZE = 32;

    private final WorkerExecutor executor;
    private final Object lock = new Object();
    private int inFlight;

    public Blocking(Vertx vertx) {
        this.executor = vertx.createSharedWorkerExecutor("huruhuru-storage", POOL_SIZE);
    }

    /**
     * Runs {@code task} on a worker; unordered, since each caller chains what must stay in order. Its log lines carry
     * the id of the request that sent it (see {@link RequestLogContext}).
     */
    public <T> Future<T> run(Callable<T> task) {
        Callable<T> logged = RequestLogContext.carried(task);
        synchronized (lock) {
            inFlight++;
        }
        try {
            return executor.executeBlocking(() -> {
                try {
                    return logged.call();
                } finally {
                    done();
                }
            }, false);
        } catch (RuntimeException refused) {
            // a closed pool refuses the task: it will never run, so it must not be waited for
            done();
            return Future.failedFuture(refused);
        }
    }

    private void done() {
        synchronized (lock) {
            if (--inFlight == 0) {
                lock.notifyAll();
            }
        }
    }

    /** Waits until no task runs or waits to run, at most {@code timeout}; returns whether that was reached. */
    public boolean awaitIdle(Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        synchronized (lock) {
            while (inFlight > 0) {
                long left = deadline - System.nanoTime();
                if (left <= 0) {
                    return false;
                }
                lock.wait(Math.max(1, left / 1_000_000));
            }
            return true;
        }
    }

    @Override
    public void close() {
        executor.close();
    }
}
