package io.huruhuru.storage.rocksdb;

import io.huruhuru.storage.statistics.DatabaseProperty;
import io.huruhuru.storage.statistics.Operation;
import io.huruhuru.storage.statistics.OperationTotals;
import io.huruhuru.storage.statistics.RecordKind;
import io.huruhuru.storage.statistics.StoreStatistics;

/** The statistics of one open database, read from the {@link RecordCounts} its writes keep, RocksDB's
 * properties and the calls {@link Db} counted. */
final class RocksStoreStatistics implements StoreStatistics {

    /**
     * The bytes of the family's table files that the current version uses: upload content is ingested as table
     * files, and {@code rocksdb.estimate-live-data-size} does not count ingested files until a compaction has seen
     * them (it read 0 after an ingest, measured).
     */
    private static final String LIVE_TABLE_FILE_BYTES = "rocksdb.live-sst-files-size";
    /** Small bodies are written in one batch with their record, so they sit in the memtables until a flush. */
    private static final String MEMTABLE_BYTES = "rocksdb.cur-size-all-mem-tables";

    private final Db db;

    RocksStoreStatistics(Db db) {
        this.db = db;
    }

    @Override
    public long records(RecordKind kind) {
        return db.call(() -> db.counts().records(kind));
    }

    @Override
    public long blobBytes() {
        return db.call(() -> db.counts().blobBytes());
    }

    @Override
    public long uploadBytes() {
        return db.call(() -> db.counts().uploadBytes());
    }

    @Override
    public long estimatedContentBytes() {
        return db.property(Db.Family.CONTENT, LIVE_TABLE_FILE_BYTES) + db.property(Db.Family.CONTENT, MEMTABLE_BYTES);
    }

    @Override
    public long databaseProperty(DatabaseProperty property) {
        return db.propertyOfAll(property.rocksName());
    }

    @Override
    public OperationTotals operations(Operation operation) {
        return db.timings().totals(operation);
    }
}
