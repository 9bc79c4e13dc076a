package io.huruhuru.storage.manifest;

import io.huruhuru.oci.Digest;
import java.util.Objects;

/**
 * A blob small enough to be written whole in a manifest's atomic write (at most {@link #MAX_SIZE} bytes), such as the
 * config or payload of a signature; its content is checked against its digest when made.
 *
 * @param digest the digest of {@code content}
 * @param content the blob's bytes, copied when the record is made; callers must not modify the array it returns
 */
public record SmallBlob(Digest digest, byte[] content) {

    /** The largest small blob, the size of the largest manifest: a batch holds a few of them at most. */
    public static final int MAX_SIZE = 4 << 20;

    /**
     * @throws IllegalArgumentException if {@code content} is over {@link #MAX_SIZE} bytes or does not hash to
     *     {@code digest}
     */
    public SmallBlob {
        Objects.requireNonNull(digest, "digest");
        Objects.requireNonNull(content, "content");
        if (content.length > MAX_SIZE) {
            throw new IllegalArgumentException("a small blob holds at most " + MAX_SIZE + " bytes, not "
                    + content.length);
        }
        content = content.clone();
        if (!digest.matches(content)) {
            throw new IllegalArgumentException("the content does not match the digest " + digest);
        }
    }
}
