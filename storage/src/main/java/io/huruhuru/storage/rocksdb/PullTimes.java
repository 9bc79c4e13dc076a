package io.huruhuru.storage.rocksdb;

import io.huruhuru.oci.Digest;
import io.huruhuru.oci.RepositoryName;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.rocksdb.WriteBatch;

/**
 * When manifests were last pulled: a pull only puts the time into a map in memory (the latest per manifest), which a
 * background thread writes in one unsynced batch every few seconds and {@link #close()} writes a last time. A crash
 * loses the pulls of the last seconds, which retention can afford.
 */
final class PullTimes implements AutoCloseable {

    static final long FLUSH_SECONDS = 5;

    private record Pulled(RepositoryName repository, Digest digest) {
    }

    private final Db db;
    private final Map<Pulled, Instant> pending = new ConcurrentHashMap<>();
    private final ScheduledExecutorService flusher = Executors.newSingleThreadScheduledExecutor(runnable -> {
        Thread thread = new Thread(runnable, "huruhuru-pull-times");
        thread.setDaemon(true);
        return thread;
    });

    PullTimes(Db db) {
        this.db = db;
        flusher.scheduleWithFixedDelay(this::flushQuietly, FLUSH_SECONDS, FLUSH_SECONDS, TimeUnit.SECONDS);
    }

    void record(RepositoryName repository, Digest digest) {
        pending.put(new Pulled(repository, digest), Values.now());
    }

    Optional<Instant> lastPulled(RepositoryName repository, Digest digest) {
        Instant inMemory = pending.get(new Pulled(repository, digest));
        if (inMemory != null) {
            return Optional.of(inMemory);
        }
        return Optional.ofNullable(db.get(Db.Family.MANIFEST_PULLED, Keys.manifestTime(repository, digest)))
                .map(Values::created);
    }

    /** Forgets a pull not yet written of a manifest being deleted, so that no stale time outlives it. */
    void forget(RepositoryName repository, Digest digest) {
        pending.remove(new Pulled(repository, digest));
    }

    /** Writes every pending time in one batch. */
    void flush() {
        if (pending.isEmpty()) {
            return;
        }
        try (WriteBatch batch = new WriteBatch()) {
            Map<Pulled, Instant> written = new java.util.HashMap<>();
            db.call(() -> {
                for (Map.Entry<Pulled, Instant> entry : pending.entrySet()) {
                    Pulled pulled = entry.getKey();
                    batch.put(db.family(Db.Family.MANIFEST_PULLED),
                            Keys.manifestTime(pulled.repository(), pulled.digest()), Values.created(entry.getValue()));
                    written.put(pulled, entry.getValue());
                }
                return null;
            });
            db.write(batch, false);
            // a pull recorded while the batch was written stays pending
            written.forEach(pending::remove);
        }
    }

    private void flushQuietly() {
        try {
            flush();
        } catch (RuntimeException e) {
            // the store may be closing; the pulls stay pending for the next flush or the close
        }
    }

    /** Stops the flusher and writes what is pending; call before the database closes. */
    @Override
    public void close() {
        flusher.shutdown();
        try {
            flusher.awaitTermination(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        flush();
    }
}
