package io.huruhuru.storage.referrer;

import io.huruhuru.oci.Digest;
import java.util.Map;
import java.util.Optional;

/**
 * A manifest that names another as its {@code subject}, described as in a referrers response.
 *
 * @param subject digest of the manifest referred to
 * @param digest digest of the referring manifest
 */
public record Referrer(
        Digest subject,
        Digest digest,
        String mediaType,
        long size,
        Optional<String> artifactType,
        Map<String, String> annotations) {

    public Referrer {
        annotations = Map.copyOf(annotations);
    }
}
