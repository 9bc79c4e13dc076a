package io.huruhuru.server.validation;

import io.huruhuru.oci.Digest;
import io.huruhuru.storage.layer.LayerIndexStore;
import io.huruhuru.validation.LayerFactsCache;
import io.huruhuru.validation.layer.LayerFacts;
import io.huruhuru.validation.layer.LayerFactsCodec;
import java.util.Optional;

/**
 * The layer facts cache kept in storage's {@code layer_index}, so that a layer is read once per registry; facts of a
 * layer whose reading during its upload is still finishing are waited for.
 */
final class StoredLayerFacts implements LayerFactsCache {

    private final LayerIndexStore index;
    private final Optional<UploadIndexing> indexing;

    StoredLayerFacts(LayerIndexStore index, Optional<UploadIndexing> indexing) {
        this.index = index;
        this.indexing = indexing;
    }

    @Override
    public Optional<LayerFacts> get(Digest layerDigest) {
        Optional<LayerFacts> justRead = indexing.flatMap(i -> i.awaitFinishing(layerDigest));
        if (justRead.isPresent()) {
            return justRead;
        }
        // Facts in an older format decode to empty: the layer is read again and the entry replaced.
        return index.get(layerDigest).flatMap(LayerFactsCodec::decode);
    }

    @Override
    public void put(LayerFacts facts) {
        index.put(facts.digest(), LayerFactsCodec.encode(facts));
    }
}
