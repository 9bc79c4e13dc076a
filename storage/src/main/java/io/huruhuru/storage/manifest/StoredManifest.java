package io.huruhuru.storage.manifest;

import java.util.List;
import java.util.Optional;

/**
 * A manifest as stored in one repository: its raw bytes exactly as pushed, their media type, and what it references.
 *
 * @param digest digest of {@code content} ({@code algorithm:hex})
 * @param mediaType the manifest's media type
 * @param content the manifest bytes as pushed (at most 4 MiB)
 * @param subject digest of the manifest's {@code subject}, if any
 * @param artifactType the manifest's artifact type (its {@code artifactType}, else its config media type), if any
 * @param references digests of the blobs and manifests it references (config, layers, index children)
 */
public record StoredManifest(
        String digest,
        String mediaType,
        byte[] content,
        Optional<String> subject,
        Optional<String> artifactType,
        List<String> references) {

    public StoredManifest {
        references = List.copyOf(references);
    }
}
