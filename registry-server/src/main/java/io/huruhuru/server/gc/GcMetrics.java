package io.huruhuru.server.gc;

import io.huruhuru.storage.gc.CollectionReport;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The collector's counters since start-up, kept here alone so that the metrics endpoint of a later issue can expose
 * them as they are: runs (dry runs apart), failures, time spent, objects deleted by kind and bytes reclaimed.
 */
public final class GcMetrics {

    private final AtomicLong runs = new AtomicLong();
    private final AtomicLong dryRuns = new AtomicLong();
    private final AtomicLong failures = new AtomicLong();
    private final AtomicLong millis = new AtomicLong();
    private final AtomicLong manifestsDeleted = new AtomicLong();
    private final AtomicLong tagsDeleted = new AtomicLong();
    private final AtomicLong blobsDeleted = new AtomicLong();
    private final AtomicLong bytesReclaimed = new AtomicLong();

    void completed(CollectionReport report, boolean dryRun) {
        millis.addAndGet(report.took().toMillis());
        if (dryRun) {
            dryRuns.incrementAndGet();
            return;
        }
        runs.incrementAndGet();
        manifestsDeleted.addAndGet(report.manifestsDeleted());
        tagsDeleted.addAndGet(report.tagsDeleted());
        blobsDeleted.addAndGet(report.blobsDeleted());
        bytesReclaimed.addAndGet(report.bytesFreed());
    }

    void failed() {
        failures.incrementAndGet();
    }

    /** Every counter by name, e.g. {@code huruhuru_gc_runs_total}, as a metrics endpoint would name it. */
    public Map<String, Long> snapshot() {
        Map<String, Long> counters = new LinkedHashMap<>();
        counters.put("huruhuru_gc_runs_total", runs.get());
        counters.put("huruhuru_gc_dry_runs_total", dryRuns.get());
        counters.put("huruhuru_gc_failures_total", failures.get());
        counters.put("huruhuru_gc_duration_milliseconds_total", millis.get());
        counters.put("huruhuru_gc_manifests_deleted_total", manifestsDeleted.get());
        counters.put("huruhuru_gc_tags_deleted_total", tagsDeleted.get());
        counters.put("huruhuru_gc_blobs_deleted_total", blobsDeleted.get());
        counters.put("huruhuru_gc_bytes_reclaimed_total", bytesReclaimed.get());
        return counters;
    }
}
