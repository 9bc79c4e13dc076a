package io.huruhuru.storage.rocksdb;

import io.huruhuru.oci.Digest;
import io.huruhuru.oci.RepositoryName;
import io.huruhuru.storage.blob.BlobUnknownException;
import java.time.Duration;
import java.time.Instant;
import java.util.Collection;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.locks.ReentrantReadWriteLock;
import java.util.function.Supplier;

/**
 * Keeps writers and a running collection apart without stopping either for long. A write that makes a digest
 * referenced or linked (a manifest put, a link, a commit) runs under the read lock and, while a collection runs,
 * notes the digests it touches; the collection's start and end and each sweep batch run under the write lock, and a
 * sweep batch skips every touched digest. So a reference written after the collection's mark scan began is known to
 * the sweep before it deletes, and a reference to a blob that a sweep batch already deleted is refused by
 * {@link #requireNotCollected} (the client then uploads it again, as it would after a deletion by any other means).
 */
final class CollectionGuard {

    /** How long digests that a collection deleted are remembered to refuse late references to them. */
    private static final Duration REMEMBERED = Duration.ofHours(1);

    private final ReentrantReadWriteLock lock = new ReentrantReadWriteLock();
    /** The digests touched since the running collection began; null when none runs. */
    private Set<Digest> touched;
    private final Map<Digest, Instant> collected = new ConcurrentHashMap<>();

    /** Runs a write that references or links {@code digests}, noting them for a running collection. */
    <T> T writing(Collection<Digest> digests, Supplier<T> write) {
        lock.readLock().lock();
        try {
            Set<Digest> running = touched;
            if (running != null) {
                running.addAll(digests);
            }
            return write.get();
        } finally {
            lock.readLock().unlock();
        }
    }

    /**
     * Refuses a manifest reference to a blob a collection deleted while the caller checked that it was there; called
     * under {@link #writing}, with {@code stored} telling whether the digest is (again) a blob or a manifest of the
     * repository.
     *
     * @throws BlobUnknownException if the digest was collected and is not stored again
     */
    void requireNotCollected(RepositoryName repository, Collection<Digest> digests,
            java.util.function.Predicate<Digest> stored) {
        if (collected.isEmpty()) {
            return;
        }
        for (Digest digest : digests) {
            if (collected.containsKey(digest) && !stored.test(digest)) {
                throw new BlobUnknownException(digest);
            }
        }
    }

    /** Starts noting touched digests; waits for writes in flight, so that the mark scan sees them. */
    void begin(Instant now) {
        lock.writeLock().lock();
        try {
            touched = ConcurrentHashMap.newKeySet();
            collected.values().removeIf(when -> when.isBefore(now.minus(REMEMBERED)));
        } finally {
            lock.writeLock().unlock();
        }
    }

    void end() {
        lock.writeLock().lock();
        try {
            touched = null;
        } finally {
            lock.writeLock().unlock();
        }
    }

    /** Runs one sweep batch while no write that references or links runs; it is given the touched digests. */
    <T> T sweeping(java.util.function.Function<Set<Digest>, T> batch) {
        lock.writeLock().lock();
        try {
            return batch.apply(touched == null ? Set.of() : touched);
        } finally {
            lock.writeLock().unlock();
        }
    }

    /** Whether {@code digest} was touched since the running collection began; for retention's deletes. */
    boolean touched(Digest digest) {
        lock.readLock().lock();
        try {
            return touched != null && touched.contains(digest);
        } finally {
            lock.readLock().unlock();
        }
    }

    /** Remembers blobs a sweep deleted; called inside {@link #sweeping}. */
    void collected(Collection<Digest> digests, Instant now) {
        for (Digest digest : digests) {
            collected.put(digest, now);
        }
    }
}
