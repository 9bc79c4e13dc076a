package io.huruhuru.storage.rocksdb;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.huruhuru.oci.Digest;
import io.huruhuru.oci.DigestAlgorithm;
import io.huruhuru.oci.RepositoryName;
import io.huruhuru.oci.Tag;
import io.huruhuru.storage.StoreContract;
import io.huruhuru.storage.blob.BlobInfo;
import io.huruhuru.storage.blob.BlobUnknownException;
import io.huruhuru.storage.gc.CollectionRequest;
import io.huruhuru.storage.manifest.StoredManifest;
import io.huruhuru.storage.upload.UploadSession;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Pushes race collections that run back to back with no grace period, so that every blob is a candidate between
 * its commit and its manifest: no stored manifest may ever reference a blob that a sweep deleted. A manifest put that
 * comes after its blob was swept is refused (the client uploads again); one that comes while a collection runs keeps
 * its blobs.
 */
class CollectionRaceTest {

    private static final int PUSHES_PER_THREAD = Integer.getInteger("huruhuru.gc.racePushes", 400);

    @TempDir
    Path directory;

    @Test
    void noStoredManifestEverReferencesACollectedBlob() throws Exception {
        try (RocksRegistryStore store = RocksRegistryStore.open(directory)) {
            RepositoryName repository = RepositoryName.parse("race/images");
            AtomicBoolean done = new AtomicBoolean();
            AtomicInteger collections = new AtomicInteger();
            AtomicInteger refused = new AtomicInteger();
            Map<StoredManifest, BlobInfo> stored = new ConcurrentHashMap<>();
            ExecutorService pool = Executors.newFixedThreadPool(3);
            Future<?> collector = pool.submit(() -> {
                while (!done.get()) {
                    store.collector().collect(new CollectionRequest(Duration.ZERO, false, List.of(), 1));
                    collections.incrementAndGet();
                }
                return null;
            });
            List<Future<Object>> pushers = List.of(0, 1).stream().map(thread -> pool.<Object>submit(() -> {
                for (int i = 0; i < PUSHES_PER_THREAD; i++) {
                    byte[] content = StoreContract.bytes(512, thread * 1_000_000L + i);
                    UploadSession.Writer writer = store.uploads().start(repository, DigestAlgorithm.SHA256)
                            .receiveFinal();
                    writer.append(ByteBuffer.wrap(content));
                    BlobInfo blob = writer.commit(StoreContract.digestOf(content));
                    byte[] text = ("image " + thread + " " + i).getBytes(StandardCharsets.UTF_8);
                    StoredManifest manifest = new StoredManifest(Digest.of(DigestAlgorithm.SHA256, text),
                            "application/vnd.oci.image.manifest.v1+json", text, Optional.empty(), Optional.empty(),
                            Map.of(), List.of(blob.digest()));
                    if (i % 3 == 0) {
                        Thread.sleep(1); // lets a collection begin between the commit and the manifest
                    }
                    try {
                        store.manifests().put(repository, manifest, Optional.of(Tag.parse("t" + thread + "-" + i)));
                        stored.put(manifest, blob);
                    } catch (BlobUnknownException e) {
                        refused.incrementAndGet();
                    }
                }
                return null;
            })).toList();
            for (Future<Object> pusher : pushers) {
                pusher.get();
            }
            done.set(true);
            collector.get();
            pool.shutdown();
            store.collector().collect(new CollectionRequest(Duration.ZERO, false, List.of(), 1));

            int lost = 0;
            for (Map.Entry<StoredManifest, BlobInfo> entry : stored.entrySet()) {
                if (store.blobs().stat(repository, entry.getValue().digest()).isEmpty()) {
                    lost++;
                }
            }
            System.out.printf("collection race: %d manifests stored, %d refused (blob swept first), %d collections,"
                    + " %d lost%n", stored.size(), refused.get(), collections.get(), lost);
            assertEquals(0, lost, "blobs of stored manifests that a sweep deleted");
            assertEquals(2 * PUSHES_PER_THREAD, stored.size() + refused.get());
            assertTrue(collections.get() > 1);
        }
    }
}
