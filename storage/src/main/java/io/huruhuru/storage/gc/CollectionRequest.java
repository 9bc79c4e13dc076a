package io.huruhuru.storage.gc;

import java.time.Duration;
import java.util.List;

/**
 * What one collection does: how long a blob must have been unreferenced before it goes, whether it only reports,
 * the retention rules (the first whose predicate matches a repository applies to it), and how many records one
 * atomic sweep batch deletes at most.
 */
public record CollectionRequest(Duration grace, boolean dryRun, List<RetentionRule> retention, int batchSize) {

    /** The default grace period: a push that uploads blobs now and its manifest within the hour never loses them. */
    public static final Duration DEFAULT_GRACE = Duration.ofHours(1);
    /** The default batch size: large enough that syncs cost little, small enough that writers barely wait. */
    public static final int DEFAULT_BATCH_SIZE = 1000;

    public CollectionRequest {
        if (grace.isNegative()) {
            throw new IllegalArgumentException("negative grace period " + grace);
        }
        if (batchSize < 1) {
            throw new IllegalArgumentException("batch size " + batchSize + " is not positive");
        }
        retention = List.copyOf(retention);
    }

    /** Grace 1 h, not a dry run, no retention, batches of {@link #DEFAULT_BATCH_SIZE}. */
    public static CollectionRequest defaults() {
        return new CollectionRequest(DEFAULT_GRACE, false, List.of(), DEFAULT_BATCH_SIZE);
    }
}
