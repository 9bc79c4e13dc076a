package io.huruhuru.bench.storage;

import io.huruhuru.oci.Digest;
import io.huruhuru.oci.DigestAlgorithm;
import io.huruhuru.oci.RepositoryName;
import io.huruhuru.oci.Tag;
import io.huruhuru.storage.blob.BlobInfo;
import io.huruhuru.storage.gc.CollectionReport;
import io.huruhuru.storage.gc.CollectionRequest;
import io.huruhuru.storage.manifest.StoredManifest;
import io.huruhuru.storage.rocksdb.RocksRegistryStore;
import io.huruhuru.storage.upload.UploadSession;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * One garbage collection over a store of {@code blobs} small blobs, four of every five referenced by
 * {@code manifests} tagged manifests and the rest stray, while a pusher thread keeps pushing images (a blob and a
 * tagged manifest each). The score is the collection's time (single shot); the setup prints the pusher's rate before
 * and during the collection, which is what pushes lose to it.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.SingleShotTime)
@OutputTimeUnit(TimeUnit.SECONDS)
@Fork(1)
@Warmup(iterations = 0)
@Measurement(iterations = 1)
public class CollectionBenchmark {

    private static final RepositoryName REPOSITORY = RepositoryName.parse("bench/gc");
    private static final RepositoryName PUSHED = RepositoryName.parse("bench/pushes");
    private static final int BLOB_SIZE = 1024;

    @Param({"100000"})
    public int blobs;

    @Param({"20000"})
    public int manifests;

    private Path directory;
    private RocksRegistryStore store;
    private ExecutorService pusher;
    private final AtomicBoolean pushing = new AtomicBoolean();
    private final AtomicLong pushes = new AtomicLong();
    private Future<?> pushLoop;
    private double ratePerSecondBefore;
    private long pushesAtStart;
    private long collectionStart;

    @Setup(Level.Trial)
    public void fill() throws Exception {
        directory = TempDirectory.create("huruhuru-gc-bench");
        store = RocksRegistryStore.open(directory);
        int perManifest = blobs * 4 / 5 / manifests;
        ExecutorService fillers = Executors.newFixedThreadPool(4);
        List<Future<List<Digest>>> parts = new ArrayList<>();
        for (int part = 0; part < 4; part++) {
            int from = part * blobs / 4;
            int to = (part + 1) * blobs / 4;
            parts.add(fillers.submit(() -> {
                List<Digest> digests = new ArrayList<>(to - from);
                for (int i = from; i < to; i++) {
                    digests.add(push(REPOSITORY, i).digest());
                }
                return digests;
            }));
        }
        List<Digest> digests = new ArrayList<>(blobs);
        for (Future<List<Digest>> part : parts) {
            digests.addAll(part.get());
        }
        fillers.shutdown();
        for (int m = 0; m < manifests; m++) {
            store.manifests().put(REPOSITORY, manifest("image " + m,
                    digests.subList(m * perManifest, (m + 1) * perManifest)),
                    Optional.of(Tag.parse(String.format(Locale.ROOT, "m%05d", m))));
        }
        Thread.sleep(5);
        pusher = Executors.newSingleThreadExecutor();
        pushing.set(true);
        pushLoop = pusher.submit(() -> {
            for (int n = 0; pushing.get(); n++) {
                BlobInfo layer = push(PUSHED, blobs + n);
                store.manifests().put(PUSHED, manifest("pushed " + n, List.of(layer.digest())),
                        Optional.of(Tag.parse("p" + n)));
                pushes.incrementAndGet();
            }
            return null;
        });
        long before = pushes.get();
        Thread.sleep(10_000);
        ratePerSecondBefore = (pushes.get() - before) / 10.0;
    }

    private BlobInfo push(RepositoryName repository, long seed) {
        byte[] content = String.format(Locale.ROOT, "%-" + BLOB_SIZE + "d", seed).getBytes(StandardCharsets.UTF_8);
        UploadSession.Writer writer = store.uploads().start(repository, DigestAlgorithm.SHA256).receiveFinal();
        writer.append(ByteBuffer.wrap(content));
        return writer.commit(Digest.of(DigestAlgorithm.SHA256, content));
    }

    private static StoredManifest manifest(String text, List<Digest> references) {
        byte[] content = text.getBytes(StandardCharsets.UTF_8);
        return new StoredManifest(Digest.of(DigestAlgorithm.SHA256, content),
                "application/vnd.oci.image.manifest.v1+json", content, Optional.empty(), Optional.empty(), Map.of(),
                references);
    }

    @Benchmark
    public CollectionReport collect() {
        pushesAtStart = pushes.get();
        collectionStart = System.nanoTime();
        // a second's grace keeps the pusher's blobs (each manifest follows its blob within milliseconds) and lets
        // every stray blob of the setup go
        CollectionReport report = store.collector().collect(new CollectionRequest(Duration.ofSeconds(1), false,
                List.of(), CollectionRequest.DEFAULT_BATCH_SIZE));
        double seconds = (System.nanoTime() - collectionStart) / 1e9;
        System.out.printf(Locale.ROOT, "%ncollection: %d manifests and %d blobs marked, %d blobs deleted (%d bytes)"
                + " in %.2f s; pushes %.1f/s before, %.1f/s during%n", report.manifestsMarked(),
                report.blobsMarked(), report.blobsDeleted(), report.bytesFreed(), seconds, ratePerSecondBefore,
                (pushes.get() - pushesAtStart) / seconds);
        return report;
    }

    @TearDown(Level.Trial)
    public void close() throws Exception {
        pushing.set(false);
        pushLoop.get();
        pusher.shutdown();
        store.close();
        TempDirectory.delete(directory);
    }
}
