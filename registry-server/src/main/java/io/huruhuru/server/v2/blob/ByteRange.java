package io.huruhuru.server.v2.blob;

import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The one byte range a blob {@code GET} asks for with {@code Range: bytes=...} (RFC 9110 section 14), resolved
 * against the blob's size. Forms this registry does not serve (several ranges) are ignored, as RFC 9110 allows.
 */
record ByteRange(long start, long endInclusive) {

    private static final Pattern SINGLE = Pattern.compile("bytes=(\\d{0,18})-(\\d{0,18})");

    /** What a Range header asks of a blob of {@code size} bytes. */
    sealed interface Request {
    }

    /** No usable Range header: the whole blob. */
    record Whole() implements Request {
    }

    /** A satisfiable range. */
    record Partial(ByteRange range) implements Request {
    }

    /** A range that starts beyond the blob: 416. */
    record Unsatisfiable() implements Request {
    }

    static Request parse(String header, long size) {
        if (header == null) {
            return new Whole();
        }
        Matcher matcher = SINGLE.matcher(header.trim());
        if (!matcher.matches() || matcher.group(1).isEmpty() && matcher.group(2).isEmpty()) {
            return new Whole();
        }
        Optional<Long> first = number(matcher.group(1));
        Optional<Long> last = number(matcher.group(2));
        if (first.isEmpty()) {
            long suffix = last.get();
            if (suffix == 0 || size == 0) {
                return new Unsatisfiable();
            }
            return new Partial(new ByteRange(Math.max(0, size - suffix), size - 1));
        }
        long start = first.get();
        if (last.isPresent() && last.get() < start) {
            return new Whole();
        }
        if (start >= size) {
            return new Unsatisfiable();
        }
        long end = last.map(l -> Math.min(l, size - 1)).orElse(size - 1);
        return new Partial(new ByteRange(start, end));
    }

    private static Optional<Long> number(String text) {
        return text.isEmpty() ? Optional.empty() : Optional.of(Long.parseLong(text));
    }

    long length() {
        return endInclusive - start + 1;
    }
}
