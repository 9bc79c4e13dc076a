package io.huruhuru.storage.rocksdb;

import io.huruhuru.oci.Digest;
import io.huruhuru.oci.RepositoryName;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.huruhuru.oci.DigestAlgorithm;
import io.huruhuru.storage.StorageException;
import io.huruhuru.storage.StoreContract;
import io.huruhuru.storage.blob.BlobContent;
import io.huruhuru.storage.blob.BlobInfo;
import io.huruhuru.storage.upload.Upload;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Opening and closing the RocksDB store. */
class RocksRegistryStoreTest {

    private static final int MIB = 1 << 20;

    @TempDir
    Path directory;

    @Test
    void openCreatesMissingDirectories() {
        Path nested = directory.resolve("a/b/data");
        try (RocksRegistryStore store = RocksRegistryStore.open(nested)) {
            assertTrue(Files.isDirectory(nested));
            assertTrue(store.repositories().list(java.util.Optional.empty(), 10).isEmpty());
        }
    }

    @Test
    void closeIsIdempotentAndLaterCallsFail() {
        RocksRegistryStore store = RocksRegistryStore.open(directory);
        store.close();
        assertDoesNotThrow(store::close);
        assertThrows(StorageException.class, () -> store.repositories().exists(io.huruhuru.oci.RepositoryName.parse("r")));
    }

    @Test
    void secondOpenOfTheSameDirectoryIsRefused() {
        try (RocksRegistryStore store = RocksRegistryStore.open(directory)) {
            assertThrows(StorageException.class, () -> RocksRegistryStore.open(directory));
        }
    }

    @Test
    void readerLeftOpenAtCloseFailsCleanly() {
        RocksRegistryStore store = RocksRegistryStore.open(directory);
        byte[] content = StoreContract.bytes(3 * MIB, 1);
        Upload upload = store.uploadStore().start(RepositoryName.parse("r"), DigestAlgorithm.SHA256);
        upload.append(ByteBuffer.wrap(content));
        BlobInfo blob = upload.commit(Digest.parse(StoreContract.sha256(content)));
        BlobContent reader = store.blobs().open(blob.digest(), 0, content.length);
        assertEquals(MIB, reader.read(ByteBuffer.allocateDirect(MIB)));

        store.close();

        assertThrows(RuntimeException.class, () -> reader.read(ByteBuffer.allocateDirect(MIB)));
        assertDoesNotThrow(reader::close);
    }

    @Test
    void closeWaitsForIngestsInFlightAndTheUploadResumesAfterThem() {
        byte[] content = StoreContract.bytes(10 * MIB, 2);
        RocksRegistryStore store = RocksRegistryStore.open(directory, MIB);
        Upload upload = store.uploadStore().start(RepositoryName.parse("r"), DigestAlgorithm.SHA256);
        upload.append(ByteBuffer.wrap(content, 0, 6 * MIB + 5));
        store.close();

        try (RocksRegistryStore reopened = RocksRegistryStore.open(directory, MIB)) {
            Upload resumed = reopened.uploadStore().load(upload.id()).orElseThrow();
            long durable = resumed.size();
            assertTrue(durable <= 6 * MIB, "only whole files handed off can be durable, got " + durable);
            resumed.append(ByteBuffer.wrap(content, (int) durable, content.length - (int) durable));
            BlobInfo blob = resumed.commit(Digest.parse(StoreContract.sha256(content)));
            ByteBuffer read = ByteBuffer.allocate(content.length);
            try (BlobContent reader = reopened.blobs().open(blob.digest(), 0, content.length)) {
                while (read.hasRemaining() && reader.read(read) >= 0) {
                    // fill
                }
            }
            assertArrayEquals(content, read.array());
        }
    }
}
