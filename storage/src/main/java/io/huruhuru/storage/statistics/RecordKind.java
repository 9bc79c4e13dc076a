package io.huruhuru.storage.statistics;

/** The kinds of record whose number the store estimates (see {@link StoreStatistics#estimatedRecords}). */
public enum RecordKind {
    BLOBS,
    MANIFESTS,
    TAGS,
    REPOSITORIES,
    UPLOADS
}
