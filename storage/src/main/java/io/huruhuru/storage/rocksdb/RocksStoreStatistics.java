package io.huruhuru.storage.rocksdb;

import io.huruhuru.storage.statistics.DatabaseProperty;
import io.huruhuru.storage.statistics.Operation;
import io.huruhuru.storage.statistics.OperationTotals;
import io.huruhuru.storage.statistics.RecordKind;
import io.huruhuru.storage.statistics.StoreStatistics;

/** The statistics of one open database, read from RocksDB's properties and the calls {@link Db} counted. */
final class RocksStoreStatistics implements StoreStatistics {

    /** RocksDB's estimate of the keys of a family: memtables and table files, less the deletes it knows of. */
    private static final String ESTIMATE_NUM_KEYS = "rocksdb.estimate-num-keys";

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
    public long estimatedRecords(RecordKind kind) {
        Db.Family family = switch (kind) {
            case BLOBS -> Db.Family.BLOBS;
            case MANIFESTS -> Db.Family.MANIFESTS;
            case TAGS -> Db.Family.TAGS;
            case REPOSITORIES -> Db.Family.REPOSITORIES;
            case UPLOADS -> Db.Family.UPLOADS;
        };
        return db.property(family, ESTIMATE_NUM_KEYS);
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
