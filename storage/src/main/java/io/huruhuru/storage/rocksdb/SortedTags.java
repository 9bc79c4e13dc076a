package io.huruhuru.storage.rocksdb;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Optional;

/**
 * An immutable snapshot of the tags of one repository, in key order (the bytewise order of their UTF-8 forms, which is
 * code point order), paged the way an iterator over the {@code tags} family pages them.
 */
final class SortedTags {

    private final String[] tags;
    /** Every tag: the same list for each whole list, so that callers can memoize by identity what they derive. */
    private final List<String> all;

    /** Takes {@code tags} as they came from an iterator, in key order; the caller gives up the array. */
    SortedTags(String[] tags) {
        this.tags = tags;
        this.all = Collections.unmodifiableList(Arrays.asList(tags));
    }

    int size() {
        return tags.length;
    }

    /** Up to {@code limit} tags after {@code after} (exclusive), as {@link RocksTagStore#list} defines them. */
    List<String> page(Optional<String> after, int limit) {
        int from = after.map(this::indexAfter).orElse(0);
        int to = (int) Math.min(tags.length, (long) from + limit);
        if (from == 0 && to == tags.length) {
            return all;
        }
        return from >= to ? List.of() : all.subList(from, to);
    }

    /** The index of the first tag that sorts after {@code after}. */
    private int indexAfter(String after) {
        // The key of `after` is its UTF-8 form, in which a lone surrogate is '?'; compare with what the key holds.
        String asKey = new String(after.getBytes(StandardCharsets.UTF_8), StandardCharsets.UTF_8);
        int low = 0;
        int high = tags.length;
        while (low < high) {
            int mid = (low + high) >>> 1;
            if (compareCodePoints(tags[mid], asKey) <= 0) {
                low = mid + 1;
            } else {
                high = mid;
            }
        }
        return low;
    }

    /** Compares as the UTF-8 bytes of {@code a} and {@code b} compare: in code point order, not UTF-16 order. */
    static int compareCodePoints(String a, String b) {
        int n = Math.min(a.length(), b.length());
        for (int i = 0; i < n; i++) {
            char x = a.charAt(i);
            char y = b.charAt(i);
            if (x != y) {
                return codePointRank(x) - codePointRank(y);
            }
        }
        return a.length() - b.length();
    }

    /**
     * Moves surrogates (which start code points above U+FFFF) above the rest of the BMP, so that units compare in code
     * point order (the fix-up of ICU's {@code u_strCompare} in code point order).
     */
    private static int codePointRank(char c) {
        if (c < Character.MIN_SURROGATE) {
            return c;
        }
        return c <= Character.MAX_SURROGATE ? c + 0x2000 : c - 0x800;
    }
}
