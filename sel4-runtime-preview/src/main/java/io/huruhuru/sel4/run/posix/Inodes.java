package io.huruhuru.sel4.run.posix;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Inode numbers of the root filesystem's paths for one run: the root is 2, as on ext4, and every other path gets
 * the next number the first time the application sees it, so two paths never share one (a hash could collide)
 * and the same run numbers them the same way.
 */
final class Inodes {

    static final long ROOT = 2;
    /** Numbers below this are left to the root and the console. */
    private static final long FIRST = 16;

    private final Map<List<String>, Long> numbers = new HashMap<>();
    private long next = FIRST;

    long of(List<String> path) {
        if (path.isEmpty()) {
            return ROOT;
        }
        return numbers.computeIfAbsent(List.copyOf(path), p -> next++);
    }
}
