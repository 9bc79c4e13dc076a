package io.huruhuru.storage.gc;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

/** What one collection marked, deleted and freed. */
public record CollectionReport(Instant started, Duration took, long manifestsMarked, long blobsMarked,
        long manifestsDeleted, long tagsDeleted, long blobsDeleted, long uploadsKept, long bytesFreed,
        List<Removal> removals, boolean removalsTruncated) {
}
