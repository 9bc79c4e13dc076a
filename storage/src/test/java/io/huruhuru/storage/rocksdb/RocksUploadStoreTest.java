package io.huruhuru.storage.rocksdb;

import io.huruhuru.storage.RegistryStore;
import io.huruhuru.storage.upload.UploadStore;
import io.huruhuru.storage.upload.UploadStoreContract;
import java.nio.file.Path;

class RocksUploadStoreTest extends UploadStoreContract {

    @Override
    protected RegistryStore openStore(Path directory) {
        return RocksRegistryStore.open(directory);
    }

    @Override
    protected long storedContentUnits(RegistryStore store) {
        return ((RocksRegistryStore) store).contentValueCount();
    }

    @Override
    protected UploadStore uploads() {
        return ((RocksRegistryStore) store).uploadStore();
    }
}
