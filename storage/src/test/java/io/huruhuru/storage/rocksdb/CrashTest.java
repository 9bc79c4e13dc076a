package io.huruhuru.storage.rocksdb;

import io.huruhuru.oci.Digest;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.huruhuru.storage.StoreContract;
import io.huruhuru.storage.blob.BlobContent;
import io.huruhuru.storage.blob.BlobInfo;
import io.huruhuru.storage.upload.Upload;
import java.nio.ByteBuffer;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.rocksdb.RocksIterator;

/**
 * Kills a process that pushes uploads ({@link CrashChild}) at random moments, again and again on one data directory,
 * and checks after each kill that every reported commit reads back intact, that every interrupted upload holds exactly
 * a prefix of its bytes at least as long as its last flush, and that every stored blob hashes to its digest.
 */
class CrashTest {

    private static final int KILLS = 20;

    @TempDir
    Path directory;

    @TempDir
    Path scratch;

    /** What the child reported about one upload. */
    private static final class Reported {
        long seed;
        int size;
        long flushed;
        String committed;
    }

    @Test
    void everyReportedCommitSurvivesAKillAndNothingPartialIsVisible() throws Exception {
        SplittableRandom random = new SplittableRandom(20261128L);
        int committedTotal = 0;
        int resumedTotal = 0;
        for (int round = 0; round < KILLS; round++) {
            long fileLimit = (1L + random.nextInt(4)) << 20;
            Map<String, Reported> uploads = runAndKill(round, fileLimit, 200 + random.nextInt(1300));
            try (RocksRegistryStore store = RocksRegistryStore.open(directory, fileLimit)) {
                for (Map.Entry<String, Reported> entry : uploads.entrySet()) {
                    Reported reported = entry.getValue();
                    byte[] content = StoreContract.bytes(reported.size, reported.seed);
                    String digest = StoreContract.sha256(content);
                    if (reported.committed != null) {
                        assertEquals(digest, reported.committed);
                        assertBlobReadsBack(store, Digest.parse(digest), content);
                        committedTotal++;
                    } else {
                        checkInterrupted(store, entry.getKey(), reported, content);
                        resumedTotal++;
                    }
                }
                checkEveryBlobHashesToItsDigest(store);
            }
        }
        assertTrue(committedTotal > KILLS, "the child committed only " + committedTotal + " uploads");
        assertTrue(resumedTotal > 0, "no upload was interrupted");
    }

    private Map<String, Reported> runAndKill(int round, long fileLimit, long millisAfterReady) throws Exception {
        return parse(KilledChild.runAndKill(CrashChild.class, List.of(directory.toString(), Long.toString(round + 1),
                Long.toString(fileLimit)), scratch.resolve("tmp-" + round), millisAfterReady));
    }

    private static Map<String, Reported> parse(List<String> lines) {
        Map<String, Reported> uploads = new LinkedHashMap<>();
        synchronized (lines) {
            for (String line : lines) {
                String[] words = line.split(" ");
                // A line cut by the kill is ignored: its call may or may not have returned.
                switch (words[0]) {
                    case "start":
                        if (words.length == 4) {
                            Reported reported = new Reported();
                            reported.seed = Long.parseLong(words[2]);
                            reported.size = Integer.parseInt(words[3]);
                            uploads.put(words[1], reported);
                        }
                        break;
                    case "flushed":
                        if (words.length == 3 && uploads.containsKey(words[1])) {
                            uploads.get(words[1]).flushed = Long.parseLong(words[2]);
                        }
                        break;
                    case "committed":
                        if (words.length == 3 && words[2].length() == 71 && uploads.containsKey(words[1])) {
                            uploads.get(words[1]).committed = words[2];
                        }
                        break;
                    default:
                        break;
                }
            }
        }
        return uploads;
    }

    /** An interrupted upload holds a prefix of its bytes, at least up to its last flush, or was committed whole. */
    private static void checkInterrupted(RocksRegistryStore store, String id, Reported reported, byte[] content) {
        Optional<Upload> upload = store.uploadStore().load(id);
        if (upload.isEmpty()) {
            // the commit went through but the kill came before it was reported
            assertBlobReadsBack(store, StoreContract.digestOf(content), content);
            return;
        }
        long size = upload.get().size();
        assertTrue(size >= reported.flushed, "upload " + id + " has " + size + " bytes, flushed " + reported.flushed);
        assertTrue(size <= content.length, "upload " + id + " has " + size + " of " + content.length + " bytes");
        byte[] prefix = java.util.Arrays.copyOf(content, (int) size);
        // Committing with the prefix's digest reads every stored byte: it fails if any is missing or different.
        BlobInfo blob = upload.get().commit(Digest.parse(StoreContract.sha256(prefix)));
        assertBlobReadsBack(store, blob.digest(), prefix);
    }

    private static void assertBlobReadsBack(RocksRegistryStore store, Digest digest, byte[] content) {
        BlobInfo blob = store.blobs().stat(digest).orElseThrow(() -> new AssertionError("missing blob " + digest));
        assertEquals(content.length, blob.size());
        ByteBuffer buffer = ByteBuffer.allocate(content.length);
        try (BlobContent reader = store.blobs().open(digest, 0, content.length)) {
            while (reader.read(buffer) >= 0) {
                if (!buffer.hasRemaining() && buffer.capacity() > 0) {
                    assertEquals(-1, reader.read(ByteBuffer.allocate(1)));
                    break;
                }
            }
        }
        assertArrayEquals(content, buffer.array());
    }

    private static void checkEveryBlobHashesToItsDigest(RocksRegistryStore store) throws Exception {
        List<Digest> digests = new ArrayList<>();
        store.db().call(() -> {
            try (RocksIterator blobs = store.db().iterator(Db.Family.BLOBS)) {
                for (blobs.seekToFirst(); blobs.isValid(); blobs.next()) {
                    digests.add(Keys.blobDigestOf(blobs.key()));
                }
            }
            return null;
        });
        ByteBuffer buffer = ByteBuffer.allocateDirect(1 << 20);
        for (Digest digest : digests) {
            BlobInfo blob = store.blobs().stat(digest).orElseThrow();
            MessageDigest sha = MessageDigest.getInstance("SHA-256");
            long total = 0;
            try (BlobContent reader = store.blobs().open(digest, 0, blob.size())) {
                int n;
                while ((n = reader.read(buffer.clear())) >= 0) {
                    sha.update(buffer.flip());
                    total += n;
                }
            }
            assertEquals(blob.size(), total);
            assertEquals(digest.toString(), "sha256:" + HexFormat.of().formatHex(sha.digest()));
        }
    }
}
