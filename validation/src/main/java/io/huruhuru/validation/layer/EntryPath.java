package io.huruhuru.validation.layer;

import java.util.ArrayDeque;
import java.util.Deque;

/** Normalises tar entry names to rootfs paths and tells hostile ones (absolute, climbing out) apart. */
public final class EntryPath {

    /** The outcome of normalising a name: a path without a leading slash, or why there is none. */
    public record Result(String path, Problem problem) {
        public boolean ok() {
            return problem == null;
        }
    }

    /** Why a name is refused. */
    public enum Problem {
        ABSOLUTE,
        TRAVERSAL
    }

    private EntryPath() {
    }

    /**
     * Normalises {@code name}: drops {@code .} and empty segments and applies {@code ..} lexically. A leading
     * {@code /} is refused as absolute, a {@code ..} that climbs above the root as traversal; {@code ./} is fine.
     */
    public static Result normalise(String name) {
        if (name.startsWith("/")) {
            return new Result(null, Problem.ABSOLUTE);
        }
        Deque<String> segments = new ArrayDeque<>();
        for (String segment : name.split("/", -1)) {
            if (segment.isEmpty() || segment.equals(".")) {
                continue;
            }
            if (segment.equals("..")) {
                if (segments.isEmpty()) {
                    return new Result(null, Problem.TRAVERSAL);
                }
                segments.removeLast();
            } else {
                segments.addLast(segment);
            }
        }
        return new Result(String.join("/", segments), null);
    }

    /** The parent of a normalised path ({@code ""} for a top-level name). */
    public static String parent(String path) {
        int slash = path.lastIndexOf('/');
        return slash < 0 ? "" : path.substring(0, slash);
    }

    /** The last segment of a normalised path. */
    public static String baseName(String path) {
        return path.substring(path.lastIndexOf('/') + 1);
    }

    /** {@code parent/child}, or {@code child} at the root. */
    public static String join(String parent, String child) {
        return parent.isEmpty() ? child : parent + "/" + child;
    }
}
