package io.huruhuru.bench.storage;

import io.huruhuru.oci.Digest;
import io.huruhuru.oci.RepositoryName;
import io.huruhuru.storage.blob.BlobContent;
import io.huruhuru.storage.rocksdb.RocksRegistryStore;
import io.huruhuru.oci.DigestAlgorithm;
import io.huruhuru.storage.upload.UploadSession;
import java.nio.ByteBuffer;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/** Reads a stored 256 MiB blob whole into one reused buffer, as a blob GET does. The score is MiB/s. */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
// Short iterations: every second of a write benchmark puts about a gigabyte on disk.
@Warmup(time = 2)
@Measurement(time = 2)
public class ReadBenchmark {

    private static final int BLOB_MIB = 256;
    private static final long BLOB_SIZE = (long) BLOB_MIB * Pattern.MIB;

    /** Size and kind of the caller's buffer: a direct buffer of 1 MiB or 64 KiB, or a heap buffer of 1 MiB. */
    @Param({"direct-1m", "direct-64k", "heap-1m"})
    public String target;

    private Path directory;
    private RocksRegistryStore store;
    private Digest digest;
    private ByteBuffer buffer;

    @Setup(Level.Trial)
    public void push() throws Exception {
        directory = TempDirectory.create("huruhuru-read-bench");
        store = RocksRegistryStore.open(directory);
        Pattern pattern = new Pattern();
        digest = Digest.parse(pattern.mark(1, BLOB_SIZE));
        UploadSession.Writer upload = store.uploads().start(RepositoryName.parse("bench/read"), DigestAlgorithm.SHA256)
                .receiveFinal();
        for (long done = 0; done < BLOB_SIZE; done += Pattern.PATTERN_SIZE) {
            upload.append(ByteBuffer.wrap(pattern.bytes));
        }
        upload.commit(digest);
        int size = target.endsWith("64k") ? 64 * 1024 : Pattern.MIB;
        buffer = target.startsWith("direct") ? ByteBuffer.allocateDirect(size) : ByteBuffer.allocate(size);
    }

    @TearDown(Level.Trial)
    public void close() {
        store.close();
        TempDirectory.delete(directory);
    }

    @Benchmark
    @OperationsPerInvocation(BLOB_MIB)
    public long readWholeBlob() {
        long total = 0;
        try (BlobContent content = store.blobs().open(digest, 0, BLOB_SIZE)) {
            int n;
            while ((n = content.read(buffer.clear())) >= 0) {
                total += n;
            }
        }
        if (total != BLOB_SIZE) {
            throw new IllegalStateException("read " + total + " of " + BLOB_SIZE + " bytes");
        }
        return total;
    }
}
