package io.huruhuru.oci;

import java.util.List;
import java.util.Map;
import java.util.Optional;

/** A manifest a registry stores: an image manifest or an index, in their OCI or Docker schema 2 forms. */
public sealed interface Manifest permits ImageManifest, ImageIndex {

    String mediaType();

    Optional<Descriptor> subject();

    Map<String, String> annotations();

    /** What the manifest points at: config and layers, or the index's manifests. */
    List<Descriptor> references();

    /** The artifact type a referrers response reports for it (image-spec manifest.md, distribution-spec referrers). */
    Optional<String> effectiveArtifactType();
}
