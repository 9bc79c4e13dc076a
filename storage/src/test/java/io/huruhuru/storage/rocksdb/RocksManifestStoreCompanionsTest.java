package io.huruhuru.storage.rocksdb;

import io.huruhuru.storage.RegistryStore;
import io.huruhuru.storage.manifest.ManifestStoreCompanionsContract;
import java.nio.file.Path;

class RocksManifestStoreCompanionsTest extends ManifestStoreCompanionsContract {

    @Override
    protected RegistryStore openStore(Path directory) {
        return RocksRegistryStore.open(directory);
    }

    @Override
    protected long storedContentUnits(RegistryStore store) {
        return ((RocksRegistryStore) store).contentValueCount();
    }
}
