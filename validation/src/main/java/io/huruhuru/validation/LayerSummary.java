package io.huruhuru.validation;

import io.huruhuru.oci.Digest;
import java.util.Optional;

/** What was read from one layer: how it was compressed, how much it expanded to, and its uncompressed digest. */
public record LayerSummary(Digest digest, String compression, int entries, long expandedBytes,
        Optional<Digest> diffId) {
}
