package io.huruhuru.validation.layer;

import io.huruhuru.oci.Digest;
import io.huruhuru.validation.Violation;
import java.util.List;
import java.util.Optional;
import java.util.SortedMap;
import java.util.SortedSet;

/**
 * What reading a layer found before the blob's digest was known (a layer read as it is uploaded): the facts'
 * fields, with problems placed at {@code where}, a label such as {@code upload <id>} that is not a digest.
 */
public record LayerReading(
        String where, String compression, long expandedBytes, Optional<Digest> diffId, List<LayerEntry> entries,
        List<Violation> problems, SortedSet<String> capturePaths, SortedMap<String, byte[]> captured) {

    /** The facts of the layer once its digest is known, every problem placed at {@code where} moved to it. */
    public LayerFacts at(Digest digest) {
        String real = digest.toString();
        List<Violation> moved = problems.stream().map(p -> p.where().equals(where)
                ? new Violation(p.rule(), p.severity(), real, p.message(), p.expected(), p.found()) : p).toList();
        return new LayerFacts(digest, compression, expandedBytes, diffId, entries, moved, capturePaths, captured);
    }
}
