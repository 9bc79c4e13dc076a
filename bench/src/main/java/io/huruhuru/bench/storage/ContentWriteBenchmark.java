package io.huruhuru.bench.storage;

import java.nio.ByteBuffer;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;
import org.rocksdb.CompressionType;
import org.rocksdb.EnvOptions;
import org.rocksdb.IngestExternalFileOptions;
import org.rocksdb.Options;
import org.rocksdb.RocksDB;
import org.rocksdb.SstFileWriter;
import org.rocksdb.WriteOptions;

/**
 * The two ways of storing upload content that the design compares, on bare RocksDB without hashing: 256 MiB as 1 MiB
 * values written with {@code put} through the write-ahead log (synced once at the end), or streamed into table files
 * of 64 MiB with {@link SstFileWriter} (through the page cache or around it) and ingested by moving them. The score
 * is MiB/s.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
// Short iterations: every second of a write benchmark puts about a gigabyte on disk.
@Warmup(time = 2)
@Measurement(time = 2)
public class ContentWriteBenchmark {

    private static final int BLOB_MIB = 256;
    private static final int FILE_MIB = 64;

    private Path directory;
    private Options options;
    private RocksDB db;
    private ByteBuffer value;
    private ByteBuffer key;
    private byte[] heapValue;
    private long contentId;

    static {
        RocksDB.loadLibrary();
    }

    /** A new database per iteration, deleted after it, so that the disk holds one iteration's content at most. */
    @Setup(Level.Iteration)
    public void open() throws Exception {
        directory = TempDirectory.create("huruhuru-content-bench");
        options = new Options().setCreateIfMissing(true).setCompressionType(CompressionType.NO_COMPRESSION);
        db = RocksDB.open(options, directory.resolve("db").toString());
    }

    @Setup(Level.Trial)
    public void prepare() {
        Pattern pattern = new Pattern();
        heapValue = java.util.Arrays.copyOf(pattern.bytes, Pattern.MIB);
        value = ByteBuffer.allocateDirect(Pattern.MIB).put(heapValue).flip();
        key = ByteBuffer.allocateDirect(24);
    }

    @TearDown(Level.Iteration)
    public void close() {
        db.close();
        options.close();
        TempDirectory.delete(directory);
    }

    private ByteBuffer key(long offset) {
        key.clear();
        key.putLong(contentId).putLong(0).putLong(offset).flip();
        return key;
    }

    @Benchmark
    @OperationsPerInvocation(BLOB_MIB)
    public void putWithWriteAheadLog() throws Exception {
        contentId++;
        try (WriteOptions write = new WriteOptions()) {
            for (int i = 0; i < BLOB_MIB; i++) {
                db.put(write, key((long) i * Pattern.MIB), value.duplicate());
            }
            db.syncWal();
        }
    }

    @Benchmark
    @OperationsPerInvocation(BLOB_MIB)
    public void sstFileWriterAndIngest() throws Exception {
        try (EnvOptions env = new EnvOptions().setBytesPerSync(1L << 20)) {
            writeAndIngest(env);
        }
    }

    /** As {@link #sstFileWriterAndIngest()}, with the files written around the page cache (O_DIRECT). */
    @Benchmark
    @OperationsPerInvocation(BLOB_MIB)
    public void sstFileWriterDirectIoAndIngest() throws Exception {
        try (EnvOptions env = new EnvOptions().setUseDirectWrites(true).setWritableFileMaxBufferSize(4L << 20)) {
            writeAndIngest(env);
        }
    }

    private void writeAndIngest(EnvOptions env) throws Exception {
        contentId++;
        try (IngestExternalFileOptions ingest = new IngestExternalFileOptions().setMoveFiles(true)) {
            for (int file = 0; file < BLOB_MIB / FILE_MIB; file++) {
                Path path = directory.resolve("ingest-" + contentId + "-" + file + ".sst");
                try (SstFileWriter writer = new SstFileWriter(env, options)) {
                    writer.open(path.toString());
                    for (int i = 0; i < FILE_MIB; i++) {
                        writer.put(key((long) (file * FILE_MIB + i) * Pattern.MIB), value.duplicate());
                    }
                    writer.finish();
                }
                db.ingestExternalFile(List.of(path.toString()), ingest);
            }
        }
    }

}
