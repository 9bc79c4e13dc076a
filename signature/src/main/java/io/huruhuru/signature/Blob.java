package io.huruhuru.signature;

import io.huruhuru.oci.Digest;
import io.huruhuru.oci.DigestAlgorithm;
import java.util.Objects;

/** A blob a signature or attestation manifest refers to: its digest, media type and content. */
public record Blob(Digest digest, String mediaType, byte[] content) {

    public Blob {
        Objects.requireNonNull(digest, "digest");
        Objects.requireNonNull(mediaType, "mediaType");
        Objects.requireNonNull(content, "content");
    }

    /** A blob of {@code content}, addressed by its sha256. */
    public static Blob of(String mediaType, byte[] content) {
        return new Blob(Digest.of(DigestAlgorithm.SHA256, content), mediaType, content);
    }
}
