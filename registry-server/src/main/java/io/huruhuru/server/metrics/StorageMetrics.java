package io.huruhuru.server.metrics;

import io.huruhuru.storage.statistics.DatabaseProperty;
import io.huruhuru.storage.statistics.Operation;
import io.huruhuru.storage.statistics.RecordKind;
import io.huruhuru.storage.statistics.StoreStatistics;
import io.huruhuru.storage.upload.Uploads;
import io.micrometer.core.instrument.FunctionTimer;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.Locale;
import java.util.concurrent.TimeUnit;

/**
 * The store's gauges and database timings, read from {@link StoreStatistics} when scraped: counts kept with each
 * write, RocksDB estimates and counters, so that a scrape costs no scan however large the store is.
 */
final class StorageMetrics {

    private StorageMetrics() {
    }

    static void bind(MeterRegistry registry, StoreStatistics statistics, Uploads uploads) {
        Gauge.builder("huruhuru.uploads.in.progress", uploads, Uploads::inProgress)
                .description("Uploads started or resumed since start-up and not yet committed, cancelled or expired")
                .register(registry);
        Gauge.builder("huruhuru.uploads.in.progress.received", uploads, Uploads::bytesInProgress).baseUnit("bytes")
                .description("Bytes received so far by the uploads in progress").register(registry);
        for (RecordKind kind : RecordKind.values()) {
            String name = kind.name().toLowerCase(Locale.ROOT);
            Gauge.builder("huruhuru.storage." + name, statistics, s -> s.records(kind))
                    .description("Stored " + name + " records, exact (kept with each write)")
                    .register(registry);
        }
        Gauge.builder("huruhuru.storage.blob", statistics, StoreStatistics::blobBytes).baseUnit("bytes")
                .description("Bytes of the stored blobs, each once, exact (kept with each write)").register(registry);
        Gauge.builder("huruhuru.storage.upload", statistics, StoreStatistics::uploadBytes).baseUnit("bytes")
                .description("Bytes held durably by open uploads, exact (kept with each write)").register(registry);
        Gauge.builder("huruhuru.storage.content", statistics, StoreStatistics::estimatedContentBytes)
                .baseUnit("bytes")
                .description("Bytes of blob content in RocksDB: stored blobs, open uploads and, until compaction, "
                        + "deleted content")
                .register(registry);
        Gauge.builder("huruhuru.rocksdb.live.data", statistics,
                        s -> s.databaseProperty(DatabaseProperty.LIVE_DATA_BYTES))
                .baseUnit("bytes").description("RocksDB rocksdb.estimate-live-data-size, all column families")
                .register(registry);
        Gauge.builder("huruhuru.rocksdb.pending.compaction", statistics,
                        s -> s.databaseProperty(DatabaseProperty.PENDING_COMPACTION_BYTES))
                .baseUnit("bytes").description("RocksDB rocksdb.estimate-pending-compaction-bytes, all column families")
                .register(registry);
        Gauge.builder("huruhuru.rocksdb.running.compactions", statistics,
                        s -> s.databaseProperty(DatabaseProperty.RUNNING_COMPACTIONS))
                .description("RocksDB rocksdb.num-running-compactions").register(registry);
        for (Operation operation : Operation.values()) {
            FunctionTimer.builder("huruhuru.rocksdb.operations", statistics,
                            s -> s.operations(operation).count(),
                            s -> s.operations(operation).nanos(), TimeUnit.NANOSECONDS)
                    .tag("operation", operation.name().toLowerCase(Locale.ROOT))
                    .description("RocksDB calls of the store and the time they took: reads, writes, ingests")
                    .register(registry);
        }
    }
}
