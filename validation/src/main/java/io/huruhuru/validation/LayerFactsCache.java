package io.huruhuru.validation;

import io.huruhuru.oci.Digest;
import io.huruhuru.validation.layer.LayerFacts;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Keeps {@link LayerFacts} per layer blob digest so that a layer is read once (the registry stores them with
 * {@link io.huruhuru.validation.layer.LayerFactsCodec}).
 */
public interface LayerFactsCache {

    /** A cache that keeps nothing. */
    LayerFactsCache NONE = new LayerFactsCache() {
        @Override
        public Optional<LayerFacts> get(Digest layerDigest) {
            return Optional.empty();
        }

        @Override
        public void put(LayerFacts facts) {
        }
    };

    Optional<LayerFacts> get(Digest layerDigest);

    /** Stores {@code facts} under {@link LayerFacts#digest()}, replacing what was there. */
    void put(LayerFacts facts);

    /** {@code backing}, with what passes through also kept in memory for the life of the returned cache. */
    static LayerFactsCache remembering(LayerFactsCache backing) {
        LayerFactsCache memory = inMemory();
        return new LayerFactsCache() {
            @Override
            public Optional<LayerFacts> get(Digest layerDigest) {
                Optional<LayerFacts> seen = memory.get(layerDigest);
                if (seen.isPresent()) {
                    return seen;
                }
                Optional<LayerFacts> stored = backing.get(layerDigest);
                stored.ifPresent(memory::put);
                return stored;
            }

            @Override
            public void put(LayerFacts facts) {
                memory.put(facts);
                backing.put(facts);
            }
        };
    }

    /** A cache in memory, for one process (a CLI run over an index whose images share layers). */
    static LayerFactsCache inMemory() {
        ConcurrentHashMap<Digest, LayerFacts> map = new ConcurrentHashMap<>();
        return new LayerFactsCache() {
            @Override
            public Optional<LayerFacts> get(Digest layerDigest) {
                return Optional.ofNullable(map.get(layerDigest));
            }

            @Override
            public void put(LayerFacts facts) {
                map.put(facts.digest(), facts);
            }
        };
    }
}
