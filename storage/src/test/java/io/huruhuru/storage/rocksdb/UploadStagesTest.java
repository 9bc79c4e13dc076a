package io.huruhuru.storage.rocksdb;

import io.huruhuru.oci.Digest;
import io.huruhuru.oci.RepositoryName;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.huruhuru.oci.DigestAlgorithm;
import io.huruhuru.storage.upload.UploadSession;
import java.nio.ByteBuffer;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class UploadStagesTest {

    @Test
    void stageThreadsAreNamedAndNoMoreThanTheBound() throws Exception {
        CountDownLatch release = new CountDownLatch(1);
        CountDownLatch ran = new CountDownLatch(20);
        Set<Thread> threads = ConcurrentHashMap.newKeySet();
        try (UploadStages stages = new UploadStages(2)) {
            for (int i = 0; i < 20; i++) {
                stages.write().execute(() -> {
                    threads.add(Thread.currentThread());
                    awaitQuietly(release);
                    ran.countDown();
                });
            }
            Thread.sleep(200);
            release.countDown();
            assertTrue(ran.await(5, TimeUnit.SECONDS));
        }

        assertEquals(2, threads.size());
        assertTrue(threads.stream().allMatch(t -> t.getName().startsWith("huruhuru-upload-write-")), threads::toString);
    }

    @Test
    void manyMoreConcurrentUploadsThanStageThreadsAllComplete(@TempDir Path directory) throws Exception {
        // 2 MiB files: every upload's write stage waits for its ingest stage several times.
        int uploads = 4 * UploadStages.THREADS_PER_STAGE;
        ExecutorService callers = Executors.newFixedThreadPool(uploads);
        try (RocksRegistryStore store = RocksRegistryStore.open(directory, 2L << 20)) {
            List<Future<String>> committed = new ArrayList<>();
            List<String> expected = new ArrayList<>();
            for (int i = 0; i < uploads; i++) {
                byte[] content = new byte[5 << 20];
                new Random(i).nextBytes(content);
                String digest = "sha256:" + HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(content));
                expected.add(digest);
                committed.add(callers.submit(() -> {
                    UploadSession.Writer upload = store.uploads().start(RepositoryName.parse("repo"), DigestAlgorithm.SHA256)
                            .receiveFinal();
                    for (int offset = 0; offset < content.length; offset += 256 << 10) {
                        upload.append(ByteBuffer.wrap(content, offset, Math.min(256 << 10, content.length - offset)));
                    }
                    return upload.commit(Digest.parse(digest)).digest().toString();
                }));
            }
            for (int i = 0; i < uploads; i++) {
                assertEquals(expected.get(i), committed.get(i).get(60, TimeUnit.SECONDS));
            }
        } finally {
            callers.shutdownNow();
        }
    }

    private static void awaitQuietly(CountDownLatch latch) {
        try {
            latch.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
