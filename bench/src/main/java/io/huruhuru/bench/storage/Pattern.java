package io.huruhuru.bench.storage;

import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.SplittableRandom;

/**
 * The bytes of a benchmark blob: a random pattern of 64 MiB repeated, whose first eight bytes carry a serial number
 * so that every invocation pushes a new blob (no deduplication).
 */
final class Pattern {

    static final int MIB = 1 << 20;
    static final int PATTERN_SIZE = 64 * MIB;

    final byte[] bytes = new byte[PATTERN_SIZE];

    Pattern() {
        SplittableRandom random = new SplittableRandom(42);
        for (int i = 0; i < bytes.length; i += 8) {
            long r = random.nextLong();
            for (int j = 0; j < 8; j++) {
                bytes[i + j] = (byte) (r >>> (8 * j));
            }
        }
    }

    /** Marks the pattern with {@code serial}; returns the sha256 digest of a blob of {@code size} bytes of it. */
    String mark(long serial, long size) throws Exception {
        for (int j = 0; j < 8; j++) {
            bytes[j] = (byte) (serial >>> (8 * j));
        }
        MessageDigest sha = MessageDigest.getInstance("SHA-256");
        for (long done = 0; done < size; done += PATTERN_SIZE) {
            sha.update(bytes, 0, (int) Math.min(PATTERN_SIZE, size - done));
        }
        return "sha256:" + HexFormat.of().formatHex(sha.digest());
    }
}
