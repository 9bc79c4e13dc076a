package io.huruhuru.storage.gc;

/** The registry's garbage collector: {@code RegistryStore.collector()}. */
public interface GarbageCollector {

    /** One collection, online: marks from every root, applies retention, sweeps in bounded batches. */
    CollectionReport collect(CollectionRequest request);
}
