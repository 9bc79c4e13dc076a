package io.huruhuru.bench.storage;

import io.huruhuru.oci.Digest;
import io.huruhuru.oci.DigestAlgorithm;
import io.huruhuru.oci.RepositoryName;
import io.huruhuru.oci.Tag;
import io.huruhuru.storage.manifest.StoredManifest;
import io.huruhuru.storage.rocksdb.RocksRegistryStore;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
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
 * Lists the 10,000 tags of one repository as the registry bench does, whole and as a walk of 100-tag pages (each
 * page read with one tag more, as the server reads it), from the store. The score is lists (or walks) per second;
 * {@code cachedTags=0} reads every list from RocksDB, as the store did before the tag index.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Fork(1)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
public class TagListBenchmark {

    private static final RepositoryName REPOSITORY = RepositoryName.parse("bench/tags");
    private static final int TAGS = 10_000;
    private static final int PAGE = 100;

    @Param({"0", "500000"})
    public int cachedTags;

    private Path directory;
    private RocksRegistryStore store;

    @Setup(Level.Trial)
    public void tag() throws Exception {
        directory = TempDirectory.create("huruhuru-tag-bench");
        store = RocksRegistryStore.openCachingTags(directory, cachedTags);
        byte[] content = "{\"schemaVersion\":2}".getBytes(StandardCharsets.UTF_8);
        Digest digest = Digest.of(DigestAlgorithm.SHA256, content);
        StoredManifest manifest = new StoredManifest(digest, "application/vnd.oci.image.manifest.v1+json", content,
                Optional.empty(), Optional.empty(), Map.of(), List.of());
        for (int i = 0; i < TAGS; i++) {
            store.manifests().put(REPOSITORY, manifest, Optional.of(Tag.parse(String.format(Locale.ROOT, "t%05d", i))));
        }
    }

    @TearDown(Level.Trial)
    public void close() {
        store.close();
        TempDirectory.delete(directory);
    }

    @Benchmark
    public int wholeList() {
        return check(store.tags().list(REPOSITORY, Optional.empty(), Integer.MAX_VALUE).size());
    }

    @Benchmark
    public int pagedWalk() {
        int listed = 0;
        Optional<Tag> after = Optional.empty();
        while (true) {
            List<Tag> read = store.tags().list(REPOSITORY, after, PAGE + 1);
            List<Tag> page = read.subList(0, Math.min(PAGE, read.size()));
            listed += page.size();
            if (read.size() <= PAGE) {
                return check(listed);
            }
            after = Optional.of(page.get(PAGE - 1));
        }
    }

    private static int check(int listed) {
        if (listed != TAGS) {
            throw new IllegalStateException("listed " + listed + " of " + TAGS + " tags");
        }
        return listed;
    }
}
