package io.huruhuru.server.validation;

import io.huruhuru.oci.RepositoryName;
import io.huruhuru.oci.Digest;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.huruhuru.oci.Digest;
import io.huruhuru.oci.DigestAlgorithm;
import io.huruhuru.oci.RepositoryName;
import io.huruhuru.storage.RegistryStore;
import io.huruhuru.storage.attachment.AttachmentStore;
import io.huruhuru.storage.blob.BlobContent;
import io.huruhuru.storage.blob.BlobInfo;
import io.huruhuru.storage.blob.BlobStore;
import io.huruhuru.storage.layer.LayerIndexStore;
import io.huruhuru.storage.manifest.ManifestStore;
import io.huruhuru.storage.referrer.ReferrerStore;
import io.huruhuru.storage.repository.RepositoryStore;
import io.huruhuru.storage.rocksdb.RocksRegistryStore;
import io.huruhuru.storage.tag.TagStore;
import io.huruhuru.oci.DigestAlgorithm;
import io.huruhuru.storage.upload.UploadSession;
import io.huruhuru.storage.upload.Uploads;
import io.huruhuru.validation.RawManifest;
import io.huruhuru.validation.budget.Policy;
import io.huruhuru.validation.fixture.TarBuilder;
import io.huruhuru.validation.fixture.TestImage;
import java.nio.ByteBuffer;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** What a layer contains is read once per blob digest and kept in storage, across images and restarts. */
class LayerFactsStoredTest {

    private static final RepositoryName REPOSITORY = RepositoryName.parse("kos/hello");

    @TempDir
    Path data;

    @Test
    void aLayerIsReadOnceForEveryImageThatSharesIt() {
        TestImage first = TestImage.hello();
        TestImage second = TestImage.hello().label("com.koskit.app.spec.priority", "170")
                .label("com.koskit.app.spec.max_priority", "190");
        Digest layer = Digest.parse(TarBuilder.sha256(TestImage.helloLayer().gzipLayer().blob()));
        CountingStore store;
        try (RocksRegistryStore rocks = RocksRegistryStore.open(data)) {
            store = new CountingStore(rocks);
            pushBlobs(store, first);
            pushBlobs(store, second);

            validate(store, first);
            validate(store, second);

            assertEquals(1, store.opened(layer));
            assertTrue(rocks.layerIndex().get(layer).isPresent());
        }
        try (RocksRegistryStore reopened = RocksRegistryStore.open(data)) {
            CountingStore afterRestart = new CountingStore(reopened);
            validate(afterRestart, first);
            assertEquals(0, afterRestart.opened(layer));
        }
    }

    private static void validate(RegistryStore store, TestImage image) {
        try (var metrics = new io.huruhuru.server.metrics.RegistryMetrics(
                io.huruhuru.server.metrics.BuildInfo.current())) {
            var report = new PushValidation(store, Policy.NONE, Optional.empty(), metrics.validations(),
                    io.huruhuru.server.preview.RunBudget.DEFAULT, metrics.previews())
                    .validate(REPOSITORY, RawManifest.of(image.manifestBytes(), image.manifestMediaType()),
                            Optional.empty());
            assertTrue(report.koskit());
        }
    }

    private static void pushBlobs(RegistryStore store, TestImage image) {
        for (Map.Entry<String, byte[]> blob : image.blobs().entrySet()) {
            if (store.blobs().stat(REPOSITORY, Digest.parse(blob.getKey())).isPresent()) {
                continue;
            }
            UploadSession.Writer upload = store.uploads().start(REPOSITORY, DigestAlgorithm.SHA256)
                    .receiveFinal();
            upload.append(ByteBuffer.wrap(blob.getValue()));
            upload.commit(Digest.parse(blob.getKey()));
        }
    }

    /** The store, counting how often each blob's content is opened. */
    private static final class CountingStore implements RegistryStore {

        private final RegistryStore store;
        private final Map<Digest, AtomicInteger> opens = new ConcurrentHashMap<>();

        CountingStore(RegistryStore store) {
            this.store = store;
        }

        int opened(Digest digest) {
            return opens.getOrDefault(digest, new AtomicInteger()).get();
        }

        @Override
        public BlobStore blobs() {
            BlobStore blobs = store.blobs();
            return new BlobStore() {
                @Override
                public Optional<BlobInfo> stat(Digest digest) {
                    return blobs.stat(digest);
                }

                @Override
                public Optional<BlobInfo> stat(RepositoryName repository, Digest digest) {
                    return blobs.stat(repository, digest);
                }

                @Override
                public BlobContent open(Digest digest, long offset, long length) {
                    opens.computeIfAbsent(digest, d -> new AtomicInteger()).incrementAndGet();
                    return blobs.open(digest, offset, length);
                }

                @Override
                public void link(RepositoryName repository, Digest digest) {
                    blobs.link(repository, digest);
                }

                @Override
                public boolean unlink(RepositoryName repository, Digest digest) {
                    return blobs.unlink(repository, digest);
                }
            };
        }

        @Override
        public Uploads uploads() {
            return store.uploads();
        }

        @Override
        public io.huruhuru.storage.preview.PreviewStore previews() {
            return store.previews();
        }

        @Override
        public io.huruhuru.storage.gc.GarbageCollector collector() {
            return store.collector();
        }

        @Override
        public ManifestStore manifests() {
            return store.manifests();
        }

        @Override
        public TagStore tags() {
            return store.tags();
        }

        @Override
        public RepositoryStore repositories() {
            return store.repositories();
        }

        @Override
        public ReferrerStore referrers() {
            return store.referrers();
        }

        @Override
        public AttachmentStore attachments() {
            return store.attachments();
        }

        @Override
        public LayerIndexStore layerIndex() {
            return store.layerIndex();
        }

        @Override
        public io.huruhuru.storage.statistics.StoreStatistics statistics() {
            return store.statistics();
        }

        @Override
        public void writeProbe() {
            store.writeProbe();
        }

        @Override
        public void close() {
            // the test closes the store it wraps
        }
    }
}
