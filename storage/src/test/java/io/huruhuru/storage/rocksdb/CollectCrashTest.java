package io.huruhuru.storage.rocksdb;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.huruhuru.oci.Digest;
import io.huruhuru.oci.RepositoryName;
import io.huruhuru.oci.Tag;
import io.huruhuru.storage.StoreContract;
import io.huruhuru.storage.blob.BlobContent;
import io.huruhuru.storage.blob.BlobInfo;
import io.huruhuru.storage.manifest.StoredManifest;
import java.nio.ByteBuffer;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.rocksdb.RocksIterator;

/**
 * Kills a process that collects garbage while it pushes and deletes ({@link CollectCrashChild}) at random moments, on
 * one data directory, and checks after each kill that the store opens, that every image reported pushed and not
 * reported deleted is complete (its tag, its manifest, its layer byte for byte), that every stored blob hashes to its
 * digest, that no link dangles, and that every repository's usage matches its links.
 */
class CollectCrashTest {

    private static final int KILLS = Integer.getInteger("huruhuru.gc.crashKills", 10);

    @TempDir
    Path directory;

    @TempDir
    Path scratch;

    private record Image(RepositoryName repository, Tag tag, Digest manifest, long seed, int size) {
    }

    @Test
    void aSweepKilledAtAnyPointLeavesEveryLiveImageCompleteAndEveryBlobReadable() throws Exception {
        SplittableRandom random = new SplittableRandom(20261205L);
        int checked = 0;
        int collections = 0;
        for (int round = 0; round < KILLS; round++) {
            List<String> lines = runAndKill(round, 500 + random.nextInt(2000));
            Map<Digest, Image> live = new LinkedHashMap<>();
            for (String line : lines) {
                String[] words = line.split(" ");
                if (words[0].equals("image") && words.length == 6 && words[5].matches("\\d+")) {
                    Digest digest = Digest.parse(words[3]);
                    live.put(digest, new Image(RepositoryName.parse(words[1]), Tag.parse(words[2]), digest,
                            Long.parseLong(words[4]), Integer.parseInt(words[5])));
                } else if (words[0].equals("deleted") && words.length == 3 && words[2].length() == 71) {
                    live.remove(Digest.parse(words[2]));
                } else if (words[0].equals("collected")) {
                    collections++;
                }
            }
            try (RocksRegistryStore store = RocksRegistryStore.open(directory)) {
                for (Image image : live.values()) {
                    assertEquals(image.manifest(), store.tags().resolve(image.repository(), image.tag()).orElseThrow(
                            () -> new AssertionError("lost tag " + image.tag())));
                    StoredManifest manifest = store.manifests().get(image.repository(), image.manifest())
                            .orElseThrow(() -> new AssertionError("lost manifest " + image.manifest()));
                    byte[] layer = StoreContract.bytes(image.size(), image.seed());
                    Digest layerDigest = manifest.references().get(0);
                    assertEquals(StoreContract.digestOf(layer), layerDigest);
                    assertTrue(store.blobs().stat(image.repository(), layerDigest).isPresent(), "lost link");
                    assertEquals(layerDigest, hash(store, layerDigest));
                    checked++;
                }
                checkStore(store);
            }
        }
        System.out.printf("collect crash: %d kills, %d collections reported, %d live images checked, lost 0%n",
                KILLS, collections, checked);
        assertTrue(checked >= KILLS / 2, "too few images checked: " + checked);
        assertTrue(collections >= KILLS / 2, "too few collections: " + collections);
    }

    private static void checkStore(RocksRegistryStore store) throws Exception {
        List<Digest> digests = new ArrayList<>();
        Map<RepositoryName, Long> usage = new HashMap<>();
        store.db().call(() -> {
            try (RocksIterator blobs = store.db().iterator(Db.Family.BLOBS)) {
                for (blobs.seekToFirst(); blobs.isValid(); blobs.next()) {
                    digests.add(Keys.blobDigestOf(blobs.key()));
                }
            }
            try (RocksIterator links = store.db().iterator(Db.Family.REPO_BLOBS)) {
                for (links.seekToFirst(); links.isValid(); links.next()) {
                    Digest digest = Keys.digestOfEntry(links.key());
                    BlobInfo blob = store.blobs().stat(digest).orElseThrow(
                            () -> new AssertionError("a link to the missing blob " + digest));
                    usage.merge(Keys.repositoryOfEntry(links.key()), blob.size(), Long::sum);
                }
            }
            return null;
        });
        for (Digest digest : digests) {
            assertEquals(digest, hash(store, digest));
        }
        usage.forEach((repository, bytes) -> assertEquals(bytes, store.repositories().usage(repository),
                "usage of " + repository));
    }

    private static Digest hash(RocksRegistryStore store, Digest digest) throws Exception {
        BlobInfo blob = store.blobs().stat(digest).orElseThrow(() -> new AssertionError("missing blob " + digest));
        MessageDigest sha = MessageDigest.getInstance("SHA-256");
        ByteBuffer buffer = ByteBuffer.allocateDirect(1 << 20);
        long total = 0;
        try (BlobContent reader = store.blobs().open(digest, 0, blob.size())) {
            int n;
            while ((n = reader.read(buffer.clear())) >= 0) {
                sha.update(buffer.flip());
                total += n;
            }
        }
        assertEquals(blob.size(), total);
        return Digest.parse("sha256:" + HexFormat.of().formatHex(sha.digest()));
    }

    private List<String> runAndKill(int round, long millisAfterReady) throws Exception {
        return KilledChild.runAndKill(CollectCrashChild.class, List.of(directory.toString(), Long.toString(round + 1)),
                scratch.resolve("tmp-" + round), millisAfterReady);
    }
}
