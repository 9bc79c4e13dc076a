package io.huruhuru.server.preview;

import io.huruhuru.server.blocking.Blocking;
import io.huruhuru.server.http.ErrorCode;
import io.huruhuru.server.http.RegistryException;
import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import java.util.ArrayDeque;
import java.util.concurrent.Callable;

/**
 * The model runs that previews may have at once: a few run on the storage workers, a few more wait, and any beyond
 * are refused with {@code TOOMANYREQUESTS}, so that callers who may only pull cannot fill the workers that pushes
 * and pulls need.
 */
public final class PreviewSlots {

    /** Model runs at once: each takes a core for up to its budget, and the machine may have two. */
    public static final int RUNNING = 2;
    /** Requests that wait for a run; beyond them a request is refused. */
    public static final int WAITING = 16;
    /** What a refused request is told to wait, in seconds. */
    public static final String RETRY_AFTER_SECONDS = "1";

    private final Blocking blocking;
    private final int running;
    private final int waiting;
    private final ArrayDeque<Runnable> queue = new ArrayDeque<>();
    private int started;

    public PreviewSlots(Blocking blocking) {
        this(blocking, RUNNING, WAITING);
    }

    public PreviewSlots(Blocking blocking, int running, int waiting) {
        if (running < 1 || waiting < 0) {
            throw new IllegalArgumentException("at least one run, and no negative queue");
        }
        this.blocking = blocking;
        this.running = running;
        this.waiting = waiting;
    }

    /**
     * Runs {@code task} on a worker when a slot is free, its result back on the calling context.
     *
     * @return a future failed with {@code TOOMANYREQUESTS} at once when every slot and place in the queue is taken
     */
    public <T> Future<T> run(Callable<T> task) {
        Context caller = Vertx.currentContext();
        Promise<T> promise = Promise.promise();
        Runnable start = () -> blocking.run(task).onComplete(result -> {
            next();
            if (caller == null) {
                promise.handle(result);
            } else {
                caller.runOnContext(v -> promise.handle(result));
            }
        });
        synchronized (this) {
            if (started >= running) {
                if (queue.size() >= waiting) {
                    return Future.failedFuture(RegistryException.withMessage(ErrorCode.TOOMANYREQUESTS,
                            "the registry is running as many previews as it takes (" + running + " at once, "
                                    + waiting + " waiting); ask again shortly", "previews busy"));
                }
                queue.add(start);
                return promise.future();
            }
            started++;
        }
        start.run();
        return promise.future();
    }

    private void next() {
        Runnable waitingRun;
        synchronized (this) {
            waitingRun = queue.poll();
            if (waitingRun == null) {
                started--;
                return;
            }
        }
        waitingRun.run();
    }
}
