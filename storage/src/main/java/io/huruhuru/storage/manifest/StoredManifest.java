package io.huruhuru.storage.manifest;

import io.huruhuru.oci.Descriptor;
import io.huruhuru.oci.Digest;
import io.huruhuru.oci.Manifest;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A manifest as stored in one repository: its raw bytes exactly as pushed, their media type, and what it references.
 *
 * @param digest digest of {@code content}
 * @param mediaType the manifest's media type
 * @param content the manifest bytes as pushed (at most 4 MiB)
 * @param subject digest of the manifest's {@code subject}, if any
 * @param artifactType the manifest's artifact type (its {@code artifactType}, else its config media type), if any
 * @param annotations the manifest's annotations, which its referrer descriptor carries; none for manifests stored
 *     before they were kept
 * @param references digests of the blobs and manifests it references (config, layers, index children)
 */
public record StoredManifest(
        Digest digest,
        String mediaType,
        byte[] content,
        Optional<Digest> subject,
        Optional<String> artifactType,
        Map<String, String> annotations,
        List<Digest> references) {

    public StoredManifest {
        annotations = Map.copyOf(annotations);
        references = List.copyOf(references);
    }

    /** The stored form of {@code content}, whose parsed form is {@code manifest} and digest {@code digest}. */
    public static StoredManifest of(Digest digest, byte[] content, Manifest manifest) {
        return new StoredManifest(digest, manifest.mediaType(), content, manifest.subject().map(Descriptor::digest),
                manifest.effectiveArtifactType(), manifest.annotations(),
                manifest.references().stream().map(Descriptor::digest).toList());
    }
}
