package io.huruhuru.storage.rocksdb;

import io.huruhuru.storage.RegistryStore;
import io.huruhuru.storage.upload.UploadStore;
import io.huruhuru.storage.upload.UploadsContract;
import java.nio.file.Path;

class RocksUploadsTest extends UploadsContract {

    @Override
    protected RegistryStore openStore(Path directory) {
        return RocksRegistryStore.open(directory, 2L << 20);
    }

    @Override
    protected UploadStore uploadStore() {
        return ((RocksRegistryStore) store).uploadStore();
    }
}
