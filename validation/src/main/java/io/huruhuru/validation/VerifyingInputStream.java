package io.huruhuru.validation;

import io.huruhuru.validation.layer.ReadThroughInputStream;
import io.huruhuru.oci.Digest;
import java.io.IOException;
import java.io.InputStream;
import java.security.MessageDigest;
import java.util.HexFormat;

/**
 * A blob stream that hashes what it delivers and fails at its end when the bytes do not match the blob's digest,
 * so that a source never hands the validator content other than the content the manifest names.
 */
public final class VerifyingInputStream extends ReadThroughInputStream {

    private final Digest expected;
    private final String origin;
    private final MessageDigest hash;
    private boolean checked;

    /**
     * @param origin where the blob comes from, for the error: {@code "in the layout"}, {@code "from host/repo"}
     */
    public VerifyingInputStream(InputStream in, Digest expected, String origin) {
        super(in);
        this.expected = expected;
        this.origin = origin;
        this.hash = expected.algorithm().newMessageDigest();
    }

    @Override
    public int read(byte[] b, int off, int len) throws IOException {
        int n = in.read(b, off, len);
        if (n > 0) {
            hash.update(b, off, n);
        } else if (n < 0 && !checked) {
            checked = true;
            if (!MessageDigest.isEqual(hash.digest(), HexFormat.of().parseHex(expected.hex()))) {
                throw new ImageSourceException(mismatch(expected, origin));
            }
        }
        return n;
    }

    /** The error for a blob whose bytes do not match {@code digest}, the same for streamed and whole blobs. */
    public static String mismatch(Digest digest, String origin) {
        return "blob " + digest + " " + origin + " does not match its digest";
    }
}
