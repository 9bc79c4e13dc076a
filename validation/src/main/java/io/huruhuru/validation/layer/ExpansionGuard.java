package io.huruhuru.validation.layer;

import java.io.IOException;
import java.io.InputStream;
import java.security.MessageDigest;

/**
 * Counts and hashes the decompressed bytes of a layer, and stops at the expansion bound: a decompression bomb
 * ends here with {@link LimitExceeded} instead of filling the disk or the heap.
 */
final class ExpansionGuard extends ReadThroughInputStream {

    /** Thrown when more than the allowed bytes were expanded. */
    static final class LimitExceeded extends IOException {
        LimitExceeded(long limit) {
            super("expanded more than " + limit + " bytes");
        }
    }

    private final long limit;
    private final MessageDigest sha256;
    private long count;

    ExpansionGuard(InputStream in, long limit, MessageDigest sha256) {
        super(in);
        this.limit = limit;
        this.sha256 = sha256;
    }

    long count() {
        return count;
    }

    @Override
    public int read(byte[] buffer, int offset, int length) throws IOException {
        if (count >= limit) {
            // One byte more tells a stream that ends exactly at the limit from one that goes on.
            int probe = in.read();
            if (probe < 0) {
                return -1;
            }
            throw new LimitExceeded(limit);
        }
        int n = in.read(buffer, offset, (int) Math.min(length, limit - count));
        if (n > 0) {
            count += n;
            sha256.update(buffer, offset, n);
        }
        return n;
    }
}
