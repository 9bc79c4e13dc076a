package io.huruhuru.storage.rocksdb;

import io.huruhuru.storage.RegistryStore;
import io.huruhuru.storage.repository.RepositoryStoreContract;
import java.nio.file.Path;

class RocksRepositoryStoreTest extends RepositoryStoreContract {

    @Override
    protected RegistryStore openStore(Path directory) {
        return RocksRegistryStore.open(directory);
    }
}
