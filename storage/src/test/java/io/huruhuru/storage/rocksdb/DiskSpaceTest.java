package io.huruhuru.storage.rocksdb;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.huruhuru.oci.DigestAlgorithm;
import io.huruhuru.oci.RepositoryName;
import io.huruhuru.storage.StoreContract;
import io.huruhuru.storage.blob.BlobInfo;
import io.huruhuru.storage.gc.CollectionReport;
import io.huruhuru.storage.gc.CollectionRequest;
import io.huruhuru.storage.manifest.StoredManifest;
import io.huruhuru.storage.upload.UploadSession;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** After a collection the data directory shrinks back: content is range-deleted, then its files dropped or compacted. */
class DiskSpaceTest {

    private static final int MIB = 1 << 20;

    @TempDir
    Path directory;

    @Test
    void theDataDirectoryFallsBackWithinATenthOfWhatWasPushedAfterDeleteAndCollect() throws Exception {
        int images = Integer.getInteger("huruhuru.gc.diskImages", 50);
        int layerSize = 4 * MIB;
        RepositoryName repository = RepositoryName.parse("disk/images");
        try (RocksRegistryStore store = RocksRegistryStore.open(directory)) {
            long before = sizeOf(directory);
            List<StoredManifest> manifests = new ArrayList<>();
            for (int i = 0; i < images; i++) {
                byte[] layer = StoreContract.bytes(layerSize - i, i);
                UploadSession.Writer writer = store.uploads().start(repository, DigestAlgorithm.SHA256).receiveFinal();
                for (int at = 0; at < layer.length; at += 256 * 1024) {
                    writer.append(ByteBuffer.wrap(layer, at, Math.min(256 * 1024, layer.length - at)));
                }
                BlobInfo blob = writer.commit(StoreContract.digestOf(layer));
                byte[] text = ("image " + i).getBytes(StandardCharsets.UTF_8);
                StoredManifest manifest = new StoredManifest(StoreContract.digestOf(text),
                        "application/vnd.oci.image.manifest.v1+json", text, Optional.empty(), Optional.empty(),
                        Map.of(), List.of(blob.digest()));
                store.manifests().put(repository, manifest, Optional.of(StoreContract.tag("v" + i)));
                manifests.add(manifest);
            }
            long pushed = sizeOf(directory);
            for (StoredManifest manifest : manifests) {
                store.manifests().delete(repository, manifest.digest());
            }
            Thread.sleep(5);
            CollectionReport report = store.collector().collect(new CollectionRequest(Duration.ZERO, false,
                    List.of(), CollectionRequest.DEFAULT_BATCH_SIZE));
            long after = sizeOf(directory);

            System.out.printf("disk space: %d MiB pushed in %d images; data directory %.1f MiB before, %.1f MiB"
                    + " pushed, %.1f MiB after delete and collect (%d blobs, %.1f MiB freed) in %d ms%n",
                    (long) images * layerSize / MIB, images, before / (double) MIB, pushed / (double) MIB,
                    after / (double) MIB, report.blobsDeleted(), report.bytesFreed() / (double) MIB,
                    report.took().toMillis());
            assertEquals(images, report.blobsDeleted());
            assertTrue(pushed - before > (long) images * layerSize * 9 / 10, "the pushes took the space");
            assertTrue(after - before < (long) images * layerSize / 10,
                    "after " + after + " bytes, before " + before);
            assertEquals(0, store.contentValueCount());
        }
    }

    @Test
    void filesSharedByKeptAndCollectedSmallBlobsShrinkToTheKeptOnes() throws Exception {
        int count = 600;
        int size = 64 * 1024; // below a content value: written through the memtable, many blobs per table file
        RepositoryName repository = RepositoryName.parse("disk/small");
        long before;
        RocksRegistryStore store = RocksRegistryStore.open(directory);
        try {
            before = sizeOf(directory);
            List<BlobInfo> blobs = new ArrayList<>();
            for (int i = 0; i < count; i++) {
                byte[] content = StoreContract.bytes(size, 1000 + i);
                UploadSession.Writer writer = store.uploads().start(repository, DigestAlgorithm.SHA256).receiveFinal();
                writer.append(ByteBuffer.wrap(content));
                blobs.add(writer.commit(StoreContract.digestOf(content)));
            }
            List<io.huruhuru.oci.Digest> kept = new ArrayList<>();
            for (int i = 0; i < count; i += 2) {
                kept.add(blobs.get(i).digest());
            }
            byte[] text = "keeps every other blob".getBytes(StandardCharsets.UTF_8);
            store.manifests().put(repository, new StoredManifest(StoreContract.digestOf(text),
                    "application/vnd.oci.image.manifest.v1+json", text, Optional.empty(), Optional.empty(), Map.of(),
                    kept), Optional.of(StoreContract.tag("half")));
        } finally {
            store.close();
        }
        // reopened, the blobs are in table files (recovery flushes the log), which the sweep's range deletes only mask
        try (RocksRegistryStore reopened = RocksRegistryStore.open(directory)) {
            store = reopened;
            long pushed = sizeOf(directory);
            Thread.sleep(5);
            CollectionReport report = store.collector().collect(new CollectionRequest(Duration.ZERO, false,
                    List.of(), CollectionRequest.DEFAULT_BATCH_SIZE));
            long after = sizeOf(directory);

            System.out.printf("disk space, small blobs: %d of %d blobs of 64 KiB collected; data directory %.1f MiB"
                    + " before, %.1f MiB pushed, %.1f MiB after%n", report.blobsDeleted(), count,
                    before / (double) MIB, pushed / (double) MIB, after / (double) MIB);
            assertEquals(count / 2, report.blobsDeleted());
            long half = (long) count / 2 * size;
            assertTrue(after - before < half * 13 / 10, "after " + after + " bytes, before " + before);
        }
    }

    private static long sizeOf(Path directory) {
        try (Stream<Path> files = Files.walk(directory)) {
            return files.filter(Files::isRegularFile).mapToLong(file -> {
                try {
                    return Files.size(file);
                } catch (IOException e) {
                    return 0; // a file RocksDB deleted meanwhile
                }
            }).sum();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
