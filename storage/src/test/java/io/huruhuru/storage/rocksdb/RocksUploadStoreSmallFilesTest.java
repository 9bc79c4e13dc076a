package io.huruhuru.storage.rocksdb;

import io.huruhuru.storage.RegistryStore;
import io.huruhuru.storage.upload.UploadStore;
import io.huruhuru.storage.upload.UploadStoreContract;
import java.nio.file.Path;

/** The upload contract with table files ingested every 2 MiB, so that appends also ingest between flushes. */
class RocksUploadStoreSmallFilesTest extends UploadStoreContract {

    @Override
    protected RegistryStore openStore(Path directory) {
        return RocksRegistryStore.open(directory, 2L << 20);
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
