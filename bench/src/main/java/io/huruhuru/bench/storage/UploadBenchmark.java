package io.huruhuru.bench.storage;

import io.huruhuru.oci.Digest;
import io.huruhuru.oci.RepositoryName;
import io.huruhuru.storage.blob.BlobInfo;
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

/**
 * A 256 MiB blob pushed through the store as a monolithic upload body arrives: 64 KiB buffers appended, flushed every
 * {@code flushBytes}, then committed with its digest. The score is MiB/s (one operation per MiB).
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
// Short iterations: every second of a write benchmark puts about a gigabyte on disk.
@Warmup(time = 2)
@Measurement(time = 2)
public class UploadBenchmark {

    static final int BLOB_MIB = 256;
    private static final long BLOB_SIZE = (long) BLOB_MIB * Pattern.MIB;
    private static final int PIECE = 64 * 1024;

    @Param({"8388608", "1073741824"})
    public long flushBytes;

    /** Whether the network buffers are on the heap or direct (as pooled Netty buffers are). */
    @Param({"heap", "direct"})
    public String buffers;

    private Path directory;
    private RocksRegistryStore store;
    private Pattern pattern;
    private ByteBuffer direct;
    private long serial;
    private String digest;

    @Setup(Level.Trial)
    public void prepare() {
        pattern = new Pattern();
        direct = ByteBuffer.allocateDirect(PIECE);
    }

    /** A new store per iteration, deleted after it, so that the disk holds one iteration's blobs at most. */
    @Setup(Level.Iteration)
    public void open() {
        directory = TempDirectory.create("huruhuru-upload-bench");
        store = RocksRegistryStore.open(directory);
    }

    @Setup(Level.Invocation)
    public void nextBlob() throws Exception {
        digest = pattern.mark(++serial, BLOB_SIZE);
    }

    @TearDown(Level.Iteration)
    public void close() {
        store.close();
        TempDirectory.delete(directory);
    }

    @Benchmark
    @OperationsPerInvocation(BLOB_MIB)
    public BlobInfo upload() {
        UploadSession.Writer upload = store.uploads().start(RepositoryName.parse("bench/upload"), DigestAlgorithm.SHA256)
                .receiveFinal();
        byte[] bytes = pattern.bytes;
        boolean heap = buffers.equals("heap");
        long sinceFlush = 0;
        for (long done = 0; done < BLOB_SIZE; done += PIECE) {
            int at = (int) (done % Pattern.PATTERN_SIZE);
            if (heap) {
                upload.append(ByteBuffer.wrap(bytes, at, PIECE));
            } else {
                // what a network read does: the bytes land in a direct buffer first
                direct.clear();
                direct.put(bytes, at, PIECE).flip();
                upload.append(direct);
            }
            sinceFlush += PIECE;
            if (sinceFlush >= flushBytes) {
                upload.flush();
                sinceFlush = 0;
            }
        }
        return upload.commit(Digest.parse(digest));
    }
}
