package io.huruhuru.storage.rocksdb;

import io.huruhuru.storage.RegistryStore;
import io.huruhuru.storage.layer.LayerIndexStoreContract;
import java.nio.file.Path;

class RocksLayerIndexStoreTest extends LayerIndexStoreContract {

    @Override
    protected RegistryStore openStore(Path directory) {
        return RocksRegistryStore.open(directory);
    }
}
