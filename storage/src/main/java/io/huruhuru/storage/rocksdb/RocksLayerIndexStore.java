package io.huruhuru.storage.rocksdb;

import io.huruhuru.oci.Digest;
import io.huruhuru.storage.layer.LayerIndexStore;
import java.util.Optional;

/** The {@code layer_index} column family. */
final class RocksLayerIndexStore implements LayerIndexStore {

    private final Db db;

    RocksLayerIndexStore(Db db) {
        this.db = db;
    }

    @Override
    public Optional<byte[]> get(Digest digest) {
        return Optional.ofNullable(db.get(Db.Family.LAYER_INDEX, Keys.layerIndex(digest)));
    }

    @Override
    public void put(Digest digest, byte[] facts) {
        // Not synced: losing a cache entry in a crash only means reading the layer again.
        db.put(Db.Family.LAYER_INDEX, Keys.layerIndex(digest), facts, false);
    }
}
