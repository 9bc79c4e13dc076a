package io.huruhuru.storage.statistics;

/**
 * What the store holds and how its database does, each figure cheap to read: exact counts kept with each write,
 * RocksDB's own estimates and counters kept as calls are made, never a scan, so that a metrics scrape costs the same on a large store as on a small one.
 */
public interface StoreStatistics {

    /**
     * The exact number of records of {@code kind}, kept in the same atomic write as each change of those records,
     * so it holds across crashes and restarts.
     */
    long records(RecordKind kind);

    /** The bytes of the stored blobs, each counted once however many repositories link it; exact, like records. */
    long blobBytes();

    /** The bytes that open uploads hold durably (received and stored, not yet committed as a blob); exact. */
    long uploadBytes();

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
