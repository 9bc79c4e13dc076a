package io.huruhuru.storage.rocksdb;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.rocksdb.LiveFileMetaData;

/**
 * Which key spans of the content family to compact after a sweep: those of the table files that overlap a deleted
 * range, merged where they overlap each other, so that each such file is rewritten once however many of its blobs
 * went (compacting range by range rewrote a file shared by many small blobs once per blob).
 */
final class ContentSpans {

    private ContentSpans() {
    }

    /** {@code [smallest, largest]} spans, in key order, of the family's files that overlap one of {@code ranges}. */
    static List<byte[][]> overlapping(List<LiveFileMetaData> files, byte[] family, List<byte[]> ranges) {
        List<byte[][]> sorted = new ArrayList<>();
        for (int i = 0; i < ranges.size(); i += 2) {
            sorted.add(new byte[][] {ranges.get(i), ranges.get(i + 1)});
        }
        sorted.sort((a, b) -> Arrays.compareUnsigned(a[0], b[0]));
        List<byte[][]> hit = new ArrayList<>();
        for (LiveFileMetaData file : files) {
            if (Arrays.equals(file.columnFamilyName(), family)
                    && overlaps(sorted, file.smallestKey(), file.largestKey())) {
                hit.add(new byte[][] {file.smallestKey(), file.largestKey()});
            }
        }
        hit.sort((a, b) -> Arrays.compareUnsigned(a[0], b[0]));
        List<byte[][]> merged = new ArrayList<>();
        for (byte[][] span : hit) {
            byte[][] last = merged.isEmpty() ? null : merged.get(merged.size() - 1);
            if (last != null && Arrays.compareUnsigned(span[0], last[1]) <= 0) {
                if (Arrays.compareUnsigned(span[1], last[1]) > 0) {
                    last[1] = span[1];
                }
            } else {
                merged.add(new byte[][] {span[0], span[1]});
            }
        }
        return merged;
    }

    /** Whether a deleted range (sorted, disjoint, end exclusive) meets {@code [smallest, largest]}. */
    private static boolean overlaps(List<byte[][]> ranges, byte[] smallest, byte[] largest) {
        int low = 0;
        int high = ranges.size();
        while (low < high) { // the first range that ends after smallest
            int mid = (low + high) >>> 1;
            if (Arrays.compareUnsigned(ranges.get(mid)[1], smallest) <= 0) {
                low = mid + 1;
            } else {
                high = mid;
            }
        }
        return low < ranges.size() && Arrays.compareUnsigned(ranges.get(low)[0], largest) <= 0;
    }
}
