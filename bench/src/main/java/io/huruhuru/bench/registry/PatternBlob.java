package io.huruhuru.bench.registry;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.WritableByteChannel;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.SplittableRandom;

/**
 * A deterministic blob of pseudo-random bytes: byte i is byte (start + i) of a pattern that is
 * generated once, so any number of distinct blobs of any size cost no generation while pushing.
 */
final class PatternBlob implements Body {

    /** 64 MiB: large enough that no compression or deduplication below the blob level can help. */
    static final int PATTERN_SIZE = 64 << 20;
    private static final int WRITE_SLICE = 4 << 20;
    // Odd and far from a power of two, so blobs with neighbouring ids start far apart in the pattern.
    private static final long ID_STRIDE = 7_919_993L;

    private static final byte[] PATTERN = generate();
    private static final ByteBuffer DIRECT = ByteBuffer.allocateDirect(PATTERN_SIZE).put(PATTERN).flip();

    private final long start;
    private final long length;

    private PatternBlob(long start, long length) {
        this.start = start;
        this.length = length;
    }

    /** The blob number {@code id} of {@code length} bytes: the same id and length always give the same bytes. */
    static PatternBlob of(long id, long length) {
        if (id < 0 || length < 0) {
            throw new IllegalArgumentException("negative blob id or length");
        }
        return new PatternBlob(Math.floorMod(id * ID_STRIDE, (long) PATTERN_SIZE), length);
    }

    private static byte[] generate() {
        byte[] pattern = new byte[PATTERN_SIZE];
        SplittableRandom random = new SplittableRandom(0x4875727568757275L);
        for (int i = 0; i < pattern.length; i += 8) {
            long value = random.nextLong();
            for (int b = 0; b < 8; b++) {
                pattern[i + b] = (byte) (value >>> (8 * b));
            }
        }
        return pattern;
    }

    @Override
    public long length() {
        return length;
    }

    /** The {@code sha256:} digest of the blob, computed in one pass over the pattern. */
    String digest() {
        MessageDigest sha256;
        try {
            sha256 = MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
        long done = 0;
        while (done < length) {
            int offset = (int) ((start + done) % PATTERN_SIZE);
            int take = (int) Math.min(length - done, PATTERN_SIZE - offset);
            sha256.update(PATTERN, offset, take);
            done += take;
        }
        return "sha256:" + HexFormat.of().formatHex(sha256.digest());
    }

    /** The bytes from {@code from} (inclusive) to {@code to} (exclusive) as a body of their own. */
    Body range(long from, long to) {
        return new PatternBlob((start + from) % PATTERN_SIZE, to - from);
    }

    @Override
    public void writeTo(WritableByteChannel channel) throws IOException {
        ByteBuffer view = DIRECT.duplicate();
        long done = 0;
        while (done < length) {
            int offset = (int) ((start + done) % PATTERN_SIZE);
            int take = (int) Math.min(Math.min(length - done, PATTERN_SIZE - offset), WRITE_SLICE);
            view.limit(offset + take).position(offset);
            while (view.hasRemaining()) {
                channel.write(view);
            }
            done += take;
        }
    }
}
