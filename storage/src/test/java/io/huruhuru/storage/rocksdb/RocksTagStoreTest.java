package io.huruhuru.storage.rocksdb;

import io.huruhuru.storage.RegistryStore;
import io.huruhuru.storage.tag.TagStoreContract;
import java.nio.file.Path;

class RocksTagStoreTest extends TagStoreContract {

    @Override
    protected RegistryStore openStore(Path directory) {
        return RocksRegistryStore.open(directory);
    }
}
