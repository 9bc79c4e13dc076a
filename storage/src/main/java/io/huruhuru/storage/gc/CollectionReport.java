package io.huruhuru.storage.gc;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

/**
 * What a collection did (or, in a dry run, would do): counts of what it marked live and removed, the bytes of blob
 * content it freed, and the removals one by one, up to a bound ({@code removalsTruncated} when more were left out).
 */
public record CollectionReport(Instant started, Duration took, long manifestsMarked, long blobsMarked,
        long manifestsDeleted, long tagsDeleted, long blobsDeleted, long uploadsKept, long bytesFreed,
        List<Removal> removals, boolean removalsTruncated) {

    public CollectionReport {
        removals = List.copyOf(removals);
    }
}
