package io.huruhuru.validation.layer;

import io.huruhuru.oci.Digest;
import io.huruhuru.validation.Violation;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.SortedMap;
import java.util.SortedSet;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * Everything the checks need from one layer blob, independent of the image it belongs to, so it can be cached by
 * the blob's digest: the entries in tar order, the problems met while reading, and the content of the files that
 * were asked for (the spec file).
 *
 * @param digest the layer blob's digest
 * @param compression {@code tar}, {@code gzip} or {@code zstd}, as found from magic bytes
 * @param expandedBytes decompressed bytes read
 * @param diffId sha256 digest of the whole decompressed stream, empty when it was not read to its end
 * @param entries tar entries in archive order (later entries of the same path win)
 * @param problems violations met while reading (hostile paths, truncation, limits); reading stops at a fatal one
 * @param capturePaths the paths whose content is known: asked for by name when the layer was read, or kept
 * @param captured the content of those paths that are regular files of at most the capture limit
 */
public record LayerFacts(
        Digest digest, String compression, long expandedBytes, Optional<Digest> diffId, List<LayerEntry> entries,
        List<Violation> problems, SortedSet<String> capturePaths, SortedMap<String, byte[]> captured) {

    public LayerFacts {
        Objects.requireNonNull(digest, "digest");
        Objects.requireNonNull(diffId, "diffId");
        entries = List.copyOf(entries);
        problems = List.copyOf(problems);
        capturePaths = Collections.unmodifiableSortedSet(new TreeSet<>(capturePaths));
        TreeMap<String, byte[]> copy = new TreeMap<>();
        captured.forEach((path, bytes) -> copy.put(path, bytes.clone()));
        captured = Collections.unmodifiableSortedMap(copy);
    }

    /** Whether the content of {@code path} is known from this read (so absence from {@link #captured} is meaningful). */
    public boolean captures(String path) {
        return capturePaths.contains(path);
    }

    /** The content kept for {@code path}, if it was asked for and is a small enough regular file of this layer. */
    public Optional<byte[]> content(String path) {
        return Optional.ofNullable(captured.get(path)).map(byte[]::clone);
    }

    @Override
    public boolean equals(Object other) {
        if (!(other instanceof LayerFacts f)) {
            return false;
        }
        if (!(digest.equals(f.digest) && compression.equals(f.compression) && expandedBytes == f.expandedBytes
                && diffId.equals(f.diffId) && entries.equals(f.entries) && problems.equals(f.problems)
                && capturePaths.equals(f.capturePaths) && captured.keySet().equals(f.captured.keySet()))) {
            return false;
        }
        for (Map.Entry<String, byte[]> e : captured.entrySet()) {
            if (!Arrays.equals(e.getValue(), f.captured.get(e.getKey()))) {
                return false;
            }
        }
        return true;
    }

    @Override
    public int hashCode() {
        return Objects.hash(digest, expandedBytes, entries, problems);
    }
}
