package io.huruhuru.storage.rocksdb;

import io.huruhuru.storage.RegistryStore;
import io.huruhuru.storage.manifest.ManifestStoreContract;
import java.nio.file.Path;

class RocksManifestStoreTest extends ManifestStoreContract {

    @Override
    protected RegistryStore openStore(Path directory) {
        return RocksRegistryStore.open(directory);
    }
}
