package io.huruhuru.validation;

import io.huruhuru.oci.Digest;
import io.huruhuru.oci.DigestAlgorithm;
import java.util.Objects;

/**
 * A manifest as bytes, with the media type it was served or pushed with and its digest.
 *
 * @param mediaType the Content-Type or descriptor media type; may be empty when the body names its own
 */
public record RawManifest(byte[] body, String mediaType, Digest digest) {

    public RawManifest {
        Objects.requireNonNull(body, "body");
        mediaType = mediaType == null ? "" : mediaType;
        Objects.requireNonNull(digest, "digest");
    }

    /** A manifest whose digest is the sha256 of its bytes, as a registry computes it for a push by tag. */
    public static RawManifest of(byte[] body, String mediaType) {
        return new RawManifest(body, mediaType, Digest.of(DigestAlgorithm.SHA256, body));
    }
}
