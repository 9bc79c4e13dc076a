package io.huruhuru.storage.rocksdb;

import io.huruhuru.storage.RegistryStore;
import io.huruhuru.storage.attachment.AttachmentStoreContract;
import java.nio.file.Path;

class RocksAttachmentStoreTest extends AttachmentStoreContract {

    @Override
    protected RegistryStore openStore(Path directory) {
        return RocksRegistryStore.open(directory);
    }
}
