package io.huruhuru.storage.rocksdb;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.huruhuru.oci.DigestAlgorithm;
import io.huruhuru.oci.RepositoryName;
import io.huruhuru.storage.StorageException;
import io.huruhuru.storage.StoreContract;
import io.huruhuru.storage.statistics.DatabaseProperty;
import io.huruhuru.storage.statistics.Operation;
import io.huruhuru.storage.statistics.OperationTotals;
import io.huruhuru.storage.statistics.RecordKind;
import io.huruhuru.storage.upload.UploadSession;
import java.nio.ByteBuffer;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The store's cheap statistics: RocksDB's estimates of what it holds, its properties and its call counts. */
class StoreStatisticsTest {

    private static final RepositoryName REPOSITORY = RepositoryName.parse("team/app");

    @TempDir
    Path directory;

    private static void push(RocksRegistryStore store, byte[] content) {
        UploadSession.Writer writer = store.uploads().start(REPOSITORY, DigestAlgorithm.SHA256).receiveFinal();
        writer.append(ByteBuffer.wrap(content));
        writer.commit(StoreContract.digestOf(content));
    }

    @Test
    void blobRecordsAreEstimatedFromTheBlobsFamilyAndGrowWithEachNewBlob() {
        try (RocksRegistryStore store = RocksRegistryStore.open(directory)) {
            assertEquals(0, store.statistics().records(RecordKind.BLOBS));

            push(store, StoreContract.bytes(2000, 1));
            push(store, StoreContract.bytes(3000, 2));
            push(store, StoreContract.bytes(2000, 1));

            assertEquals(2, store.statistics().records(RecordKind.BLOBS), "the same blob twice is one record");
            assertEquals(1, store.statistics().records(RecordKind.REPOSITORIES));
        }
    }

    @Test
    void writesAndReadsAreCountedWithTheirTime() {
        try (RocksRegistryStore store = RocksRegistryStore.open(directory)) {
            OperationTotals writesBefore = store.statistics().operations(Operation.WRITE);
            OperationTotals readsBefore = store.statistics().operations(Operation.READ);

            store.writeProbe();

            OperationTotals writes = store.statistics().operations(Operation.WRITE);
            OperationTotals reads = store.statistics().operations(Operation.READ);
            assertEquals(writesBefore.count() + 1, writes.count());
            assertEquals(readsBefore.count() + 1, reads.count());
            assertTrue(writes.nanos() > writesBefore.nanos(), "a write takes some time");
        }
    }

    @Test
    void contentInMemtablesAndInIngestedTableFilesBothCountAsContentBytes() {
        try (RocksRegistryStore store = RocksRegistryStore.open(directory, 1024 * 1024)) {
            push(store, StoreContract.bytes(512 * 1024, 3));
            long small = store.statistics().estimatedContentBytes();
            assertTrue(small >= 512 * 1024 && small < 600 * 1024, "a small body, written in a batch: " + small);

            push(store, StoreContract.bytes(3 * 1024 * 1024, 4));

            long content = store.statistics().estimatedContentBytes();
            assertTrue(content >= small + 3 * 1024 * 1024 && content < small + 3_300_000,
                    "with a body ingested as table files: " + content);
        }
    }

    @Test
    void databasePropertiesAreReadFromEveryFamily() {
        try (RocksRegistryStore store = RocksRegistryStore.open(directory)) {
            assertEquals(0, store.statistics().databaseProperty(DatabaseProperty.RUNNING_COMPACTIONS));
            assertEquals(0, store.statistics().databaseProperty(DatabaseProperty.PENDING_COMPACTION_BYTES));
            assertEquals(0, store.statistics().databaseProperty(DatabaseProperty.LIVE_DATA_BYTES));
        }
    }

    @Test
    void theProbeFailsOnceTheStoreIsClosed() {
        RocksRegistryStore store = RocksRegistryStore.open(directory);
        store.writeProbe();
        store.close();

        assertThrows(StorageException.class, store::writeProbe);
        assertThrows(StorageException.class, () -> store.statistics().records(RecordKind.TAGS));
    }
}
