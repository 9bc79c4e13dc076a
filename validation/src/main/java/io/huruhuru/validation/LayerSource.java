package io.huruhuru.validation;

import io.huruhuru.oci.Digest;
import io.huruhuru.validation.layer.LayerFacts;
import io.huruhuru.validation.layer.LayerReader;
import io.huruhuru.validation.layer.ReadLimits;
import java.io.IOException;
import java.io.InputStream;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

/**
 * Layer facts through the cache: a layer is read from the image source only when the cache lacks it, or lacks
 * the content of a path asked for later (then it is read again, and the richer facts replace the cached ones).
 */
public final class LayerSource {

    private final LayerReader reader;
    private final LayerFactsCache cache;

    public LayerSource(ReadLimits limits, LayerFactsCache cache) {
        this.reader = new LayerReader(limits);
        this.cache = cache;
    }

    public LayerFacts facts(ImageSource source, Digest digest, Optional<String> capturePath) throws IOException {
        Optional<LayerFacts> cached = cache.get(digest);
        if (cached.isPresent()) {
            return cached.get();
        }
        return read(source, digest, capturePath.map(Set::of).orElse(Set.of()));
    }

    /** The content of {@code path} in the layer, reading the layer again if it was not captured the first time. */
    public Optional<byte[]> content(ImageSource source, Digest digest, LayerFacts facts, String path) throws IOException {
        if (facts.captures(path)) {
            return facts.content(path);
        }
        Set<String> paths = new TreeSet<>(facts.capturePaths());
        paths.add(path);
        return read(source, digest, paths).content(path);
    }

    private LayerFacts read(ImageSource source, Digest digest, Set<String> capturePaths) throws IOException {
        LayerFacts facts;
        try (InputStream in = source.openBlob(digest)) {
            facts = reader.read(digest, in, capturePaths);
        }
        cache.put(facts);
        return facts;
    }
}
