package io.huruhuru.storage.rocksdb;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.huruhuru.oci.DigestAlgorithm;
import io.huruhuru.oci.RepositoryName;
import io.huruhuru.storage.StoreContract;
import io.huruhuru.storage.blob.BlobInfo;
import io.huruhuru.storage.quota.QuotaExceededException;
import io.huruhuru.storage.quota.Quotas;
import io.huruhuru.storage.upload.UploadSession;
import io.huruhuru.storage.upload.UploadUnknownException;
import java.nio.ByteBuffer;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalLong;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Repository usage kept with links, and quotas refused at the link without losing anything else. */
class QuotaAndUsageTest {

    private static final RepositoryName LIMITED = RepositoryName.parse("team/limited");
    private static final RepositoryName FREE = RepositoryName.parse("team/free");
    private static final Quotas TEN_KIB = repository -> repository.equals(LIMITED)
            ? OptionalLong.of(10 * 1024) : OptionalLong.empty();

    @TempDir
    Path directory;

    private static BlobInfo push(RocksRegistryStore store, RepositoryName repository, byte[] content) {
        UploadSession.Writer writer = store.uploads().start(repository, DigestAlgorithm.SHA256).receiveFinal();
        writer.append(ByteBuffer.wrap(content));
        return writer.commit(StoreContract.digestOf(content));
    }

    @Test
    void usageCountsEachBlobOncePerRepositoryAndFollowsLinksAndUnlinks() {
        try (RocksRegistryStore store = RocksRegistryStore.open(directory)) {
            byte[] content = StoreContract.bytes(3000, 1);
            BlobInfo blob = push(store, FREE, content);
            push(store, FREE, content);
            assertEquals(3000, store.repositories().usage(FREE), "the same blob twice counts once");

            store.blobs().link(LIMITED, blob.digest());
            store.blobs().link(LIMITED, blob.digest());
            assertEquals(3000, store.repositories().usage(LIMITED));

            store.blobs().unlink(FREE, blob.digest());
            assertEquals(0, store.repositories().usage(FREE));
            assertEquals(3000, store.repositories().usage(LIMITED));
        }
    }

    @Test
    void aCommitPastTheQuotaIsRefusedLinksNothingAndDropsItsBytes() {
        try (RocksRegistryStore store = RocksRegistryStore.open(directory, TEN_KIB)) {
            push(store, LIMITED, StoreContract.bytes(8 * 1024, 2));
            long valuesBefore = store.contentValueCount();
            byte[] tooMuch = StoreContract.bytes(4 * 1024, 3);
            UploadSession session = store.uploads().start(LIMITED, DigestAlgorithm.SHA256);
            UploadSession.Writer writer = session.receiveFinal();
            writer.append(ByteBuffer.wrap(tooMuch));

            QuotaExceededException refused = assertThrows(QuotaExceededException.class,
                    () -> writer.commit(StoreContract.digestOf(tooMuch)));

            assertEquals(10 * 1024, refused.limit());
            assertEquals(8 * 1024, refused.usage());
            assertEquals(4 * 1024, refused.adding());
            assertEquals(LIMITED, refused.repository());
            assertEquals(8 * 1024, store.repositories().usage(LIMITED));
            assertFalse(store.blobs().stat(StoreContract.digestOf(tooMuch)).isPresent());
            assertEquals(valuesBefore, store.contentValueCount(), "the refused upload's bytes are deleted");
            assertThrows(UploadUnknownException.class, () -> store.uploads().find(LIMITED, session.id()));
            push(store, FREE, tooMuch); // other repositories are not limited
        }
    }

    @Test
    void aMountPastTheQuotaIsRefusedAndOneOfALinkedBlobIsNot() {
        try (RocksRegistryStore store = RocksRegistryStore.open(directory, TEN_KIB)) {
            BlobInfo big = push(store, FREE, StoreContract.bytes(11 * 1024, 4));
            BlobInfo small = push(store, LIMITED, StoreContract.bytes(1024, 5));

            assertThrows(QuotaExceededException.class, () -> store.blobs().link(LIMITED, big.digest()));
            store.blobs().link(LIMITED, small.digest());

            assertFalse(store.blobs().stat(LIMITED, big.digest()).isPresent());
            assertEquals(1024, store.repositories().usage(LIMITED));
        }
    }

    @Test
    void concurrentCommitsNeverBothPassALimitOneOfThemExceeds() throws Exception {
        int size = 3 * 1024;
        int threads = 8;
        try (RocksRegistryStore store = RocksRegistryStore.open(directory, TEN_KIB)) {
            ExecutorService pool = Executors.newFixedThreadPool(threads);
            CountDownLatch start = new CountDownLatch(1);
            AtomicInteger refusals = new AtomicInteger();
            List<Future<?>> commits = new ArrayList<>();
            for (int i = 0; i < threads; i++) {
                byte[] content = StoreContract.bytes(size, 10 + i);
                UploadSession.Writer writer = store.uploads().start(LIMITED, DigestAlgorithm.SHA256).receiveFinal();
                writer.append(ByteBuffer.wrap(content));
                commits.add(pool.submit(() -> {
                    start.await();
                    try {
                        writer.commit(StoreContract.digestOf(content));
                    } catch (QuotaExceededException e) {
                        refusals.incrementAndGet();
                    }
                    return null;
                }));
            }
            start.countDown();
            for (Future<?> commit : commits) {
                commit.get();
            }
            pool.shutdown();
            assertEquals(threads - 3, refusals.get(), "three blobs of 3 KiB fit in 10 KiB");
            assertEquals(3 * size, store.repositories().usage(LIMITED));
        }
    }

    @Test
    void usageSurvivesARestartAndIsComputedOnceForAStoreThatHadNone() {
        byte[] content = StoreContract.bytes(5000, 6);
        try (RocksRegistryStore store = RocksRegistryStore.open(directory)) {
            push(store, FREE, content);
            push(store, LIMITED, content);
            push(store, LIMITED, StoreContract.bytes(700, 7));
            // as a store from before usage was counted: no counters, no marker
            store.db().call(() -> {
                try (org.rocksdb.WriteBatch batch = new org.rocksdb.WriteBatch()) {
                    batch.deleteRange(store.db().family(Db.Family.USAGE), new byte[0], new byte[] {(byte) 0xff});
                    batch.delete(store.db().family(Db.Family.META), Keys.meta(StoreMigrations.USAGE_COUNTED));
                    store.db().write(batch, true);
                }
                return null;
            });
            assertEquals(0, store.repositories().usage(FREE));
        }
        try (RocksRegistryStore store = RocksRegistryStore.open(directory)) {
            assertEquals(5000, store.repositories().usage(FREE));
            assertEquals(5700, store.repositories().usage(LIMITED));
        }
    }

    @Test
    void pullTimesAreCoalescedInMemoryAndWrittenOnClose() {
        io.huruhuru.storage.manifest.StoredManifest manifest = new io.huruhuru.storage.manifest.StoredManifest(
                StoreContract.digestOf(new byte[] {1}), "application/vnd.oci.image.manifest.v1+json", new byte[] {1},
                java.util.Optional.empty(), java.util.Optional.empty(), java.util.Map.of(), List.of());
        java.time.Instant pushed;
        java.time.Instant pulled;
        try (RocksRegistryStore store = RocksRegistryStore.open(directory)) {
            store.manifests().put(FREE, manifest, java.util.Optional.empty());
            pushed = store.manifests().pushed(FREE, manifest.digest()).orElseThrow();
            assertTrue(store.manifests().lastPulled(FREE, manifest.digest()).isEmpty());
            store.manifests().recordPull(FREE, manifest.digest());
            pulled = store.manifests().lastPulled(FREE, manifest.digest()).orElseThrow();
            assertTrue(store.db().get(Db.Family.MANIFEST_PULLED, Keys.manifestTime(FREE, manifest.digest())) == null,
                    "not written per pull");
            store.manifests().put(FREE, manifest, java.util.Optional.empty());
            assertEquals(pushed, store.manifests().pushed(FREE, manifest.digest()).orElseThrow(),
                    "a second put keeps the first push time");
        }
        try (RocksRegistryStore store = RocksRegistryStore.open(directory)) {
            assertEquals(pulled, store.manifests().lastPulled(FREE, manifest.digest()).orElseThrow());
            assertEquals(pushed, store.manifests().pushed(FREE, manifest.digest()).orElseThrow());
            store.manifests().delete(FREE, manifest.digest());
            assertTrue(store.manifests().pushed(FREE, manifest.digest()).isEmpty());
            assertTrue(store.manifests().lastPulled(FREE, manifest.digest()).isEmpty());
        }
    }

    @Test
    void aBlobsContentReadsBackAfterAFailedMountAttempt() {
        try (RocksRegistryStore store = RocksRegistryStore.open(directory, TEN_KIB)) {
            byte[] content = StoreContract.bytes(20 * 1024, 8);
            BlobInfo blob = push(store, FREE, content);
            assertThrows(QuotaExceededException.class, () -> store.blobs().link(LIMITED, blob.digest()));
            byte[] read = new byte[content.length];
            try (var reader = store.blobs().open(blob.digest(), 0, content.length)) {
                ByteBuffer buffer = ByteBuffer.wrap(read);
                while (reader.read(buffer) >= 0 && buffer.hasRemaining()) {
                    // reads until full
                }
            }
            assertArrayEquals(content, read);
        }
    }
}
