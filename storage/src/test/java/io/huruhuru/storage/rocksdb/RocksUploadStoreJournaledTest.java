package io.huruhuru.storage.rocksdb;

import io.huruhuru.storage.RegistryStore;
import io.huruhuru.oci.DigestAlgorithm;
import io.huruhuru.oci.RepositoryName;
import io.huruhuru.storage.upload.Upload;
import io.huruhuru.storage.upload.UploadStore;
import io.huruhuru.storage.upload.UploadStoreContract;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
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
        return new UploadStore() {
            @Override
            public Upload start(RepositoryName repository, DigestAlgorithm algorithm) {
                Upload upload = uploads.start(repository, algorithm);
                upload.receiveChunk();
                return upload;
            }

            @Override
            public Optional<Upload> load(String uploadId) {
                Optional<Upload> upload = uploads.load(uploadId);
                upload.ifPresent(opened -> opened.receiveChunk());
                return upload;
            }

            @Override
            public List<String> startedBefore(Instant cutoff) {
                return uploads.startedBefore(cutoff);
            }

            @Override
            public boolean delete(String uploadId) {
                return uploads.delete(uploadId);
            }
        };
    }
}
