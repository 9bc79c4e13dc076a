package io.huruhuru.storage.rocksdb;

import io.huruhuru.storage.RegistryStore;
import io.huruhuru.storage.upload.UploadStore;
import io.huruhuru.storage.upload.WrappingUploadStore;
import io.huruhuru.storage.upload.UploadStoreContract;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;

/**
 * The upload contract with every upload expecting flushes, so that flushes go to the journal, and table files
 * ingested every 2 MiB, so that segments are released while appends go on.
 */
class RocksUploadStoreJournaledTest extends UploadStoreContract {

    @Override
    protected RegistryStore openStore(Path directory) {
        return RocksRegistryStore.open(directory, 2L << 20);
    }

    /** Stored values and journal segments: a journaled flush stores its bytes in a segment only. */
    @Override
    protected long storedContentUnits(RegistryStore store) {
        RocksRegistryStore rocks = (RocksRegistryStore) store;
        try (Stream<Path> segments = Files.list(rocks.db().journalDirectory())) {
            return rocks.contentValueCount() + segments.count();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    protected UploadStore uploads() {
        UploadStore uploads = ((RocksRegistryStore) store).uploadStore();
        return new WrappingUploadStore(uploads, upload -> {
            upload.receiveChunk();
            return upload;
        });
    }
}
