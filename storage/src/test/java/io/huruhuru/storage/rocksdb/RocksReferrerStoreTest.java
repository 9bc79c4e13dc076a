package io.huruhuru.storage.rocksdb;

import io.huruhuru.storage.RegistryStore;
import io.huruhuru.storage.referrer.ReferrerStoreContract;
import java.nio.file.Path;

class RocksReferrerStoreTest extends ReferrerStoreContract {

    @Override
    protected RegistryStore openStore(Path directory) {
        return RocksRegistryStore.open(directory);
    }
}
