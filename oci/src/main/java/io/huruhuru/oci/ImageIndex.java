package io.huruhuru.oci;

import java.util.List;
import java.util.Map;
import java.util.Optional;

/** An index of manifests, usually one per platform (OCI image index or Docker manifest list). */
public record ImageIndex(
        String mediaType,
        Optional<String> artifactType,
        List<Descriptor> manifests,
        Optional<Descriptor> subject,
        Map<String, String> annotations) implements Manifest {

    public ImageIndex {
        manifests = List.copyOf(manifests);
        annotations = Map.copyOf(annotations);
    }

    @Override
    public List<Descriptor> references() {
        return manifests;
    }

    @Override
    public Optional<String> effectiveArtifactType() {
        return artifactType;
    }
}
