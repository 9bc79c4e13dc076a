package io.huruhuru.storage.rocksdb;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.huruhuru.oci.Digest;
import io.huruhuru.oci.DigestAlgorithm;
import io.huruhuru.oci.RepositoryName;
import io.huruhuru.oci.Tag;
import io.huruhuru.storage.StorageException;
import io.huruhuru.storage.StoreContract;
import io.huruhuru.storage.gc.CollectionRequest;
import io.huruhuru.storage.manifest.StoredManifest;
import io.huruhuru.storage.statistics.RecordKind;
import io.huruhuru.storage.statistics.StoreStatistics;
import io.huruhuru.storage.upload.UploadSession;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The exact counts that every write keeps: after any sequence of pushes, mounts, manifest and tag writes and deletes,
 * uploads left open or cancelled, collections and restarts, they equal a full count of the records.
 */
class RecordCountsTest {

    private static final List<RepositoryName> REPOSITORIES = List.of(
            RepositoryName.parse("a"), RepositoryName.parse("a/b"), RepositoryName.parse("ab"));

    @TempDir
    Path directory;

    private static long[] figures(StoreStatistics statistics) {
        long[] figures = new long[RecordKind.values().length + 2];
        for (RecordKind kind : RecordKind.values()) {
            figures[kind.ordinal()] = statistics.records(kind);
        }
        figures[figures.length - 2] = statistics.blobBytes();
        figures[figures.length - 1] = statistics.uploadBytes();
        return figures;
    }

    private static long[] figures(RecordCounts counts) {
        long[] figures = new long[RecordKind.values().length + 2];
        for (RecordKind kind : RecordKind.values()) {
            figures[kind.ordinal()] = counts.records(kind);
        }
        figures[figures.length - 2] = counts.blobBytes();
        figures[figures.length - 1] = counts.uploadBytes();
        return figures;
    }

    /** Counts every record of a closed store anew, as the first open of an uncounted store does. */
    private long[] fullCount() {
        try (Db db = Db.open(directory)) {
            return figures(RecordCounts.countAll(db));
        }
    }

    private static Digest push(RocksRegistryStore store, RepositoryName repository, byte[] content) {
        UploadSession.Writer writer = store.uploads().start(repository, DigestAlgorithm.SHA256).receiveFinal();
        writer.append(ByteBuffer.wrap(content));
        return writer.commit(StoreContract.digestOf(content)).digest();
    }

    private static StoredManifest manifest(String text, Optional<Digest> subject, List<Digest> references) {
        byte[] content = text.getBytes(StandardCharsets.UTF_8);
        return new StoredManifest(StoreContract.digestOf(content), "application/vnd.oci.image.manifest.v1+json",
                content, subject, Optional.empty(), Map.of(), references);
    }

    @Test
    void afterRandomOperationsCollectionsAndRestartsTheCountsEqualAFullCount() {
        Random random = new Random(18);
        List<Digest> blobs = new ArrayList<>();
        List<StoredManifest> manifests = new ArrayList<>();
        List<UploadSession> open = new ArrayList<>();
        RocksRegistryStore store = RocksRegistryStore.open(directory, 64 * 1024);
        int checks = 0;
        int refusals = 0;
        try {
            for (int step = 0; step < 400; step++) {
                RepositoryName repository = REPOSITORIES.get(random.nextInt(REPOSITORIES.size()));
                try {
                    switch (random.nextInt(10)) {
                        case 0, 1 -> blobs.add(push(store, repository,
                                StoreContract.bytes(1 + random.nextInt(100_000), random.nextInt(12))));
                        case 2 -> {
                            UploadSession session = store.uploads().start(repository, DigestAlgorithm.SHA256);
                            UploadSession.Writer writer = session.receiveChunk();
                            writer.append(ByteBuffer.wrap(StoreContract.bytes(random.nextInt(150_000), step)));
                            writer.finish();
                            open.add(session);
                        }
                        case 3 -> {
                            if (!open.isEmpty()) {
                                open.remove(random.nextInt(open.size())).cancel();
                            }
                        }
                        case 4 -> {
                            if (!blobs.isEmpty()) {
                                store.blobs().link(repository, blobs.get(random.nextInt(blobs.size())));
                            }
                        }
                        case 5 -> {
                            if (!blobs.isEmpty()) {
                                Digest blob = blobs.get(random.nextInt(blobs.size()));
                                store.blobs().link(repository, blob);
                                StoredManifest manifest = manifest("{\"m\":" + random.nextInt(20) + "}",
                                        Optional.empty(), List.of(blob));
                                Optional<Tag> tag = random.nextBoolean()
                                        ? Optional.of(Tag.parse("t" + random.nextInt(4))) : Optional.empty();
                                store.manifests().put(repository, manifest, tag);
                                manifests.add(manifest);
                            }
                        }
                        case 6 -> {
                            if (!manifests.isEmpty()) {
                                store.manifests().delete(repository,
                                        manifests.get(random.nextInt(manifests.size())).digest());
                            }
                        }
                        case 7 -> store.tags().delete(repository, Tag.parse("t" + random.nextInt(4)));
                        case 8 -> {
                            if (!blobs.isEmpty()) {
                                store.blobs().unlink(repository, blobs.get(random.nextInt(blobs.size())));
                            }
                            if (random.nextInt(3) == 0) {
                                store.collector().collect(new CollectionRequest(Duration.ZERO, false, List.of(), 3));
                            }
                        }
                        default -> {
                            long[] counted = figures(store.statistics());
                            store.close();
                            open.clear();
                            assertEquals(Arrays.toString(fullCount()), Arrays.toString(counted),
                                    "the counts kept equal a full count after step " + step);
                            store = RocksRegistryStore.open(directory, 64 * 1024);
                            assertEquals(Arrays.toString(counted),
                                    Arrays.toString(figures(store.statistics())),
                                    "the counts survive a restart");
                            checks++;
                        }
                    }
                } catch (RuntimeException refused) {
                    // a random operation the store refuses (a manifest of a collected blob) changes nothing
                    boolean domain = refused instanceof IllegalArgumentException
                            || refused.getClass().getPackageName().startsWith("io.huruhuru.storage.")
                            && !(refused instanceof StorageException);
                    if (!domain) {
                        throw refused;
                    }
                    refusals++;
                }
            }
        } finally {
            store.close();
        }
        assertTrue(checks > 20 && refusals < 100, "compared " + checks + " times, " + refusals + " refusals");
        long[] last = fullCount();
        assertTrue(last[RecordKind.BLOBS.ordinal()] > 0 && last[RecordKind.MANIFESTS.ordinal()] > 0,
                "the sequence left records to count");
    }

    @Test
    void aStoreWithoutCountsIsCountedOnceWhenItOpens() {
        long[] kept;
        try (RocksRegistryStore store = RocksRegistryStore.open(directory)) {
            Digest blob = push(store, REPOSITORIES.get(0), StoreContract.bytes(5000, 1));
            store.manifests().put(REPOSITORIES.get(0),
                    manifest("{}", Optional.empty(), List.of(blob)), Optional.of(Tag.parse("v1")));
            kept = figures(store.statistics());
        }
        try (Db db = Db.open(directory)) {
            db.put(Db.Family.META, Keys.meta(RecordCounts.KEY), new byte[] {0}, true);
        }

        try (RocksRegistryStore store = RocksRegistryStore.open(directory)) {
            assertEquals(Arrays.toString(kept), Arrays.toString(figures(store.statistics())));
            assertEquals(5000, store.statistics().blobBytes());
            assertEquals(1, store.statistics().records(RecordKind.TAGS));
        }
    }
}
