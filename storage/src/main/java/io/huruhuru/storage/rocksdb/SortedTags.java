package io.huruhuru.storage.rocksdb;

import io.huruhuru.oci.Tag;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Optional;

/**
 * An immutable snapshot of the tags of one repository, in key order, paged the way an iterator over the {@code tags}
 * family pages them. Tags are ASCII, so the order of their strings is the bytewise order of their keys.
 */
final class SortedTags {

    private final Tag[] tags;
    /** Every tag: the same list for each whole list, so that callers can memoize by identity what they derive. */
    private final List<Tag> all;

    /** Takes {@code tags} as they came from an iterator, in key order; the caller gives up the array. */
    SortedTags(Tag[] tags) {
        this.tags = tags;
        this.all = Collections.unmodifiableList(Arrays.asList(tags));
    }

    int size() {
        return tags.length;
    }

    /** Up to {@code limit} tags after {@code after} (exclusive), as {@link RocksTagStore#list} defines them. */
    List<Tag> page(Optional<Tag> after, int limit) {
        int from = after.map(this::indexAfter).orElse(0);
        int to = (int) Math.min(tags.length, (long) from + limit);
        if (from == 0 && to == tags.length) {
            return all;
        }
        return from >= to ? List.of() : all.subList(from, to);
    }

    /** The index of the first tag that sorts after {@code after}. */
    private int indexAfter(Tag after) {
        int low = 0;
        int high = tags.length;
        while (low < high) {
            int mid = (low + high) >>> 1;
            if (tags[mid].value().compareTo(after.value()) <= 0) {
                low = mid + 1;
            } else {
                high = mid;
            }
        }
        return low;
    }
}
