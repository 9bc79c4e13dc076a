package io.huruhuru.sel4.run.posix;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;

/** The console descriptors 1 and 2 write to: captured for the report up to a bound, the rest only counted. */
final class Console {

    /** The most console bytes a report holds. */
    static final int CAPTURE_LIMIT = 64 * 1024;

    private final ByteArrayOutputStream captured = new ByteArrayOutputStream();
    private long written;

    void write(byte[] bytes) {
        written += bytes.length;
        int room = CAPTURE_LIMIT - captured.size();
        captured.write(bytes, 0, Math.min(room, bytes.length));
    }

    String text() {
        return captured.toString(StandardCharsets.UTF_8);
    }

    long written() {
        return written;
    }

    boolean truncated() {
        return written > captured.size();
    }
}
