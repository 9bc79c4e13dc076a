package io.huruhuru.server.gc;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.huruhuru.storage.gc.CollectionReport;
import io.huruhuru.storage.gc.Removal;
import java.util.Optional;

/** A collection's report as JSON, the same for the admin endpoint and {@code huruhuru gc --json}. */
public final class ReportJson {

    private static final ObjectMapper JSON = new ObjectMapper();

    private ReportJson() {
    }

    public static ObjectNode of(CollectionReport report, boolean dryRun) {
        ObjectNode node = JSON.createObjectNode()
                .put("started", report.started().toString())
                .put("tookMillis", report.took().toMillis())
                .put("dryRun", dryRun);
        node.putObject("marked")
                .put("manifests", report.manifestsMarked())
                .put("blobs", report.blobsMarked());
        node.putObject("deleted")
                .put("manifests", report.manifestsDeleted())
                .put("tags", report.tagsDeleted())
                .put("blobs", report.blobsDeleted());
        node.put("bytesFreed", report.bytesFreed());
        node.put("uploadsKept", report.uploadsKept());
        ArrayNode removals = node.putArray("removals");
        for (Removal removal : report.removals()) {
            ObjectNode entry = removals.addObject().put("kind", removal.kind().name());
            removal.repository().ifPresent(repository -> entry.put("repository", repository.value()));
            entry.put("what", removal.what()).put("reason", removal.reason());
        }
        node.put("removalsTruncated", report.removalsTruncated());
        return node;
    }

    /** {@code {"running":..,"last":report or null,"metrics":{..}}}, what {@code GET /sel4/v1/gc} answers. */
    public static ObjectNode status(boolean running, Optional<GarbageCollection.Run> last, GcMetrics metrics) {
        ObjectNode node = JSON.createObjectNode().put("running", running);
        if (last.isPresent()) {
            node.set("last", of(last.get().report(), last.get().dryRun()));
        } else {
            node.putNull("last");
        }
        ObjectNode counters = node.putObject("metrics");
        metrics.snapshot().forEach(counters::put);
        return node;
    }
}
