package io.huruhuru.storage.statistics;

/** The RocksDB properties that the store reports, each a number summed over its column families. */
public enum DatabaseProperty {
    /** Bytes of live data, an estimate. */
    LIVE_DATA_BYTES("rocksdb.estimate-live-data-size"),
    /** Bytes that compaction still has to rewrite to bring every level under its target size. */
    PENDING_COMPACTION_BYTES("rocksdb.estimate-pending-compaction-bytes"),
    /** Compactions running now. */
    RUNNING_COMPACTIONS("rocksdb.num-running-compactions");

    private final String rocksName;

    DatabaseProperty(String rocksName) {
        this.rocksName = rocksName;
    }

    /** The property's name in RocksDB, e.g. {@code rocksdb.estimate-live-data-size}. */
    public String rocksName() {
        return rocksName;
    }
}
