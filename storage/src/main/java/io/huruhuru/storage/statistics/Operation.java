package io.huruhuru.storage.statistics;

/** The database calls whose number and time the store counts. */
public enum Operation {
    /** A point read of one record. */
    READ,
    /** A write of one record or of one atomic batch. */
    WRITE,
    /** The ingest of a table file of upload content. */
    INGEST
}
