package io.huruhuru.storage.rocksdb;

import io.huruhuru.storage.RegistryStore;
import io.huruhuru.storage.blob.BlobStoreContract;
import java.nio.file.Path;

class RocksBlobStoreTest extends BlobStoreContract {

    @Override
    protected RegistryStore openStore(Path directory) {
        return RocksRegistryStore.open(directory);
    }
}
