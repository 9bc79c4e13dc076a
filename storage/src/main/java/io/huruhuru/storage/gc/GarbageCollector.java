package io.huruhuru.storage.gc;

/** Collects what nothing references any more, online, while pushes, pulls and deletes go on. */
public interface GarbageCollector {

    /**
     * One collection, online: applies retention, marks every blob a stored manifest references, and sweeps blobs
     * that nothing has referenced for longer than the grace period, in bounded batches. Collections do not overlap: a
     * second caller waits for the first to finish.
     */
    CollectionReport collect(CollectionRequest request);
}
