package io.huruhuru.oci;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** An image manifest: a config and ordered layers (OCI image manifest or Docker schema 2 manifest). */
public record ImageManifest(
        String mediaType,
        Optional<String> artifactType,
        Descriptor config,
        List<Descriptor> layers,
        Optional<Descriptor> subject,
        Map<String, String> annotations) implements Manifest {

    public ImageManifest {
        layers = List.copyOf(layers);
        annotations = Map.copyOf(annotations);
    }

    @Override
    public List<Descriptor> references() {
        List<Descriptor> all = new ArrayList<>(layers.size() + 1);
        all.add(config);
        all.addAll(layers);
        return all;
    }

    /** The manifest's {@code artifactType}, else its config's media type (image-spec manifest.md, "artifactType"). */
    @Override
    public Optional<String> effectiveArtifactType() {
        return artifactType.or(() -> Optional.of(config.mediaType()));
    }
}
