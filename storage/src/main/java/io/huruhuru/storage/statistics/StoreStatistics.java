package io.huruhuru.storage.statistics;

/**
 * What the store holds and how its database does, each figure cheap to read: RocksDB's own estimates and counters
 * kept as calls are made, never a scan, so that a metrics scrape costs the same on a large store as on a small one.
 */
public interface StoreStatistics {

    /**
     * The estimated number of records of {@code kind}: RocksDB's {@code rocksdb.estimate-num-keys} of its column
     * family, exact after compaction and close to it before (deletes not yet compacted may still be counted).
     */
    long estimatedRecords(RecordKind kind);

    /**
     * The bytes of blob content in table files and memtables: stored blobs and the parts of open uploads already ingested together,
     * with deleted content until compaction drops it; RocksDB's {@code rocksdb.live-sst-files-size} and
     * {@code rocksdb.cur-size-all-mem-tables} of the content family.
     */
    long estimatedContentBytes();

    /** RocksDB's {@code property} (one of {@link DatabaseProperty}) summed over every column family. */
    long databaseProperty(DatabaseProperty property);

    /** How many calls of {@code operation} the store made since it opened, and the time they took. */
    OperationTotals operations(Operation operation);
}
