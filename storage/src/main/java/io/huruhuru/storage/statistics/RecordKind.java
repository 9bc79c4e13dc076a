package io.huruhuru.storage.statistics;

/** The kinds of record whose number the store keeps exactly (see {@link StoreStatistics#records}). */
public enum RecordKind {
    BLOBS,
    MANIFESTS,
    TAGS,
    REPOSITORIES,
    UPLOADS
}
