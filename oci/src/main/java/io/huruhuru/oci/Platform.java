package io.huruhuru.oci;

import java.util.List;
import java.util.Optional;

/** The platform an index entry's image runs on (image-spec image-index.md). */
public record Platform(
        String architecture, String os, Optional<String> variant, Optional<String> osVersion, List<String> osFeatures) {

    public Platform {
        osFeatures = List.copyOf(osFeatures);
    }

    @Override
    public String toString() {
        return os + "/" + architecture + variant.map(v -> "/" + v).orElse("");
    }
}
