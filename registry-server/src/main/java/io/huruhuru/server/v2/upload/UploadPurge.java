package io.huruhuru.server.v2.upload;

import io.huruhuru.server.blocking.Blocking;
import io.huruhuru.storage.upload.Uploads;
import io.vertx.core.Vertx;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Deletes abandoned uploads and their bytes: right after start and then every {@code every}, each upload started
 * more than {@code age} ago that no request is writing at that moment. The age counts from the upload's start, as
 * CNCF Distribution's upload purging does (its default age is also a week); a client that comes back to a purged
 * upload gets BLOB_UPLOAD_UNKNOWN and starts again.
 */
public final class UploadPurge implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(UploadPurge.class);

    private final Vertx vertx;
    private final Blocking blocking;
    private final Uploads uploads;
    private final Duration age;
    private final AtomicBoolean running = new AtomicBoolean();
    private final java.util.concurrent.atomic.AtomicLong expired = new java.util.concurrent.atomic.AtomicLong();
    private final long timer;

    public UploadPurge(Vertx vertx, Blocking blocking, Uploads uploads, Duration age, Duration every) {
        this.vertx = vertx;
        this.blocking = blocking;
        this.uploads = uploads;
        this.age = age;
        this.timer = vertx.setPeriodic(1, every.toMillis(), id -> purge());
    }

    private void purge() {
        if (!running.compareAndSet(false, true)) {
            return; // the previous purge is still going
        }
        Instant cutoff = Instant.now().minus(age);
        blocking.run(() -> uploads.purgeStartedBefore(cutoff))
                .onSuccess(purged -> {
                    expired.addAndGet(purged);
                    if (purged > 0) {
                        LOG.info("purged {} uploads started before {}", purged, cutoff);
                    }
                })
                .onFailure(failure -> LOG.warn("purging uploads started before {} failed", cutoff, failure))
                .onComplete(done -> running.set(false));
    }

    /** Uploads purged as abandoned since start-up. */
    public long expired() {
        return expired.get();
    }

    /** Stops purging; a purge under way finishes on its worker. */
    @Override
    public void close() {
        vertx.cancelTimer(timer);
    }
}
