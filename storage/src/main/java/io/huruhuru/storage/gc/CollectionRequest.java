package io.huruhuru.storage.gc;

import java.time.Duration;
import java.util.List;

/** What one collection does: the grace of unreferenced blobs, whether it only reports, retention, batch size. */
public record CollectionRequest(Duration grace, boolean dryRun, List<RetentionRule> retention, int batchSize) {

    public CollectionRequest {
        retention = List.copyOf(retention);
    }

    /** Grace 1 h, not dry, no retention, a sensible batch. */
    public static CollectionRequest defaults() {
        return new CollectionRequest(Duration.ofHours(1), false, List.of(), 1000);
    }
}
