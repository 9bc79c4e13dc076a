package io.huruhuru.storage.rocksdb;

import io.huruhuru.storage.RegistryStore;
import io.huruhuru.storage.gc.GarbageCollectorContract;
import java.nio.file.Path;

class RocksGarbageCollectorTest extends GarbageCollectorContract {

    @Override
    protected RegistryStore openStore(Path directory) {
        return RocksRegistryStore.open(directory);
    }
}
