package io.huruhuru.storage.rocksdb;

import io.huruhuru.oci.Digest;
import io.huruhuru.oci.RepositoryName;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.huruhuru.storage.StoreContract;
import io.huruhuru.storage.blob.BlobContent;
import io.huruhuru.storage.blob.BlobInfo;
import io.huruhuru.oci.DigestAlgorithm;
import io.huruhuru.storage.upload.Upload;
import java.nio.ByteBuffer;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.stream.LongStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Any sequence of appends (of any size, from heap or direct buffers) and flushes stores exactly the appended bytes;
 * each seed gives one random sequence, reproducible from the test's name.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class RandomAppendsTest {

    private RocksRegistryStore store;

    @BeforeAll
    void open(@TempDir Path directory) {
        // files of 1 MiB + 1 byte: appends cross file ends at every kind of offset
        store = RocksRegistryStore.open(directory, (1L << 20) + 1);
    }

    @AfterAll
    void close() {
        store.close();
    }

    static LongStream seeds() {
        return LongStream.rangeClosed(1, 60);
    }

    /** A step: a positive count appends that many bytes (odd counts from a direct buffer), zero flushes. */
    private static List<Integer> steps(Random random) {
        List<Integer> steps = new ArrayList<>();
        int count = random.nextInt(13);
        for (int i = 0; i < count; i++) {
            int kind = random.nextInt(5);
            steps.add(kind == 0 ? 0 : kind == 4 ? 1 + random.nextInt(3 << 20) : 1 + random.nextInt(70_000));
        }
        return steps;
    }

    @ParameterizedTest
    @MethodSource("seeds")
    void appendedBytesReadBackWhateverTheFlushes(long seed) {
        List<Integer> steps = steps(new Random(seed));
        int total = steps.stream().mapToInt(Integer::intValue).sum();
        byte[] content = StoreContract.bytes(total, seed);
        Upload upload = store.uploadStore().start(RepositoryName.parse("p"), DigestAlgorithm.SHA256);
        int at = 0;
        for (int step : steps) {
            if (step == 0) {
                upload.flush();
            } else if (step % 2 == 1) {
                upload.append(ByteBuffer.allocateDirect(step).put(content, at, step).flip());
                at += step;
            } else {
                upload.append(ByteBuffer.wrap(content, at, step));
                at += step;
            }
            assertEquals(at, upload.size());
        }

        BlobInfo blob = upload.commit(Digest.parse(StoreContract.sha256(content)));

        assertEquals(total, blob.size());
        ByteBuffer read = ByteBuffer.allocate(total);
        try (BlobContent reader = store.blobs().open(blob.digest(), 0, total)) {
            while (read.hasRemaining() && reader.read(read) >= 0) {
                // fill
            }
        }
        assertArrayEquals(content, read.array(), "steps " + steps);
    }
}
