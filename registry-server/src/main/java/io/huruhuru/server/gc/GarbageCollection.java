package io.huruhuru.server.gc;

import io.huruhuru.server.config.RegistryConfig;
import io.huruhuru.server.log.RequestLogContext;
import io.huruhuru.storage.gc.CollectionReport;
import io.huruhuru.storage.gc.CollectionRequest;
import io.huruhuru.storage.gc.GarbageCollector;
import io.huruhuru.storage.gc.Removal;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs collections on one thread of its own, so that one runs at a time and never on an event loop or in the request
 * worker pool: on the configured interval, and on demand (the admin endpoint, tests). Logs and counts each run.
 */
public final class GarbageCollection implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(GarbageCollection.class);
    /** How long close waits for a collection under way; its batches are bounded, so it ends well within this. */
    private static final Duration STOP_WAIT = Duration.ofSeconds(60);

    private final GarbageCollector collector;
    private final RegistryConfig.Gc config;
    private final GcPolicy policy;
    private final GcMetrics metrics = new GcMetrics();
    private final ScheduledExecutorService thread;
    private final AtomicReference<Run> last = new AtomicReference<>();
    private volatile boolean running;

    public GarbageCollection(GarbageCollector collector, RegistryConfig.Gc config, GcPolicy policy) {
        this.collector = collector;
        this.config = config;
        this.policy = policy;
        this.thread = Executors.newSingleThreadScheduledExecutor(runnable -> {
            Thread t = new Thread(runnable, "huruhuru-gc");
            t.setDaemon(true);
            return t;
        });
        if (!config.interval().isZero()) {
            long every = config.interval().toMillis();
            thread.scheduleWithFixedDelay(this::scheduled, every, every, TimeUnit.MILLISECONDS);
        }
    }

    /** Queues one collection (after any under way) and completes with its report; its log lines carry the request id. */
    public CompletableFuture<CollectionReport> collect(boolean dryRun) {
        return CompletableFuture.supplyAsync(RequestLogContext.carriedSupplier(() -> run(dryRun)), thread);
    }

    /** A finished collection: its report and whether it was a dry run. */
    public record Run(CollectionReport report, boolean dryRun) {
    }

    /** The last collection that finished, dry or not. */
    public Optional<Run> last() {
        return Optional.ofNullable(last.get());
    }

    /** Whether a collection is under way right now. */
    public boolean running() {
        return running;
    }

    public GcMetrics metrics() {
        return metrics;
    }

    private void scheduled() {
        try {
            run(false);
        } catch (RuntimeException e) {
            // logged in run; the next interval tries again
        }
    }

    private CollectionReport run(boolean dryRun) {
        CollectionRequest request = new CollectionRequest(config.grace(), dryRun, policy.retention(),
                config.batchSize());
        running = true;
        try {
            CollectionReport report = collector.collect(request);
            metrics.completed(report, dryRun);
            last.set(new Run(report, dryRun));
            log(report, dryRun);
            return report;
        } catch (RuntimeException e) {
            metrics.failed();
            LOG.error("garbage collection failed", e);
            throw e;
        } finally {
            running = false;
        }
    }

    private static void log(CollectionReport report, boolean dryRun) {
        String verb = dryRun ? "would delete" : "deleted";
        LOG.info("garbage collection{} in {} ms: marked {} manifests and {} blobs; {} {} manifests, {} tags and {} "
                        + "blobs, {} bytes{}; {} uploads kept",
                dryRun ? " (dry run)" : "", report.took().toMillis(), report.manifestsMarked(), report.blobsMarked(),
                verb, report.manifestsDeleted(), report.tagsDeleted(), report.blobsDeleted(), report.bytesFreed(),
                dryRun ? " would be freed" : " freed", report.uploadsKept());
        if (LOG.isDebugEnabled()) {
            for (Removal removal : report.removals()) {
                LOG.debug("{} {} {}{}: {}", verb, removal.kind(), removal.what(),
                        removal.repository().map(r -> " in " + r).orElse(""), removal.reason());
            }
        }
    }

    /** Stops the schedule and waits for a collection under way to finish its batches; later requests fail. */
    @Override
    public void close() {
        thread.shutdown();
        try {
            if (!thread.awaitTermination(STOP_WAIT.toMillis(), TimeUnit.MILLISECONDS)) {
                LOG.warn("garbage collection still running after {}; interrupting it", STOP_WAIT);
                thread.shutdownNow();
                thread.awaitTermination(10, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            thread.shutdownNow();
            Thread.currentThread().interrupt();
        }
    }
}
