package io.huruhuru.storage.rocksdb;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.huruhuru.storage.StoreContract;
import io.huruhuru.storage.manifest.StoredManifest;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Random;
import java.util.TreeSet;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Pages served from the tag index equal the pages read from the keys (a store that keeps no tags in memory), for
 * random tag sets, including tags whose UTF-16 order differs from their key order, and after random changes.
 */
class TagPagesMatchKeysTest {

    /** Letters of tags: ASCII of OCI tags, Latin-1, the top of the BMP, and a supplementary code point. */
    private static final String[] LETTERS = {"a", "b", "A", "Z", "0", "9", ".", "-", "_", "é", "\uE000", "\uFFEE",
        "\uD83D\uDE00"};
    private static final int[] LIMITS = {1, 2, 3, 7, 50, 101, Integer.MAX_VALUE};

    @TempDir
    Path directory;

    private RocksRegistryStore indexed;
    private RocksRegistryStore keysOnly;

    @BeforeEach
    void open() {
        indexed = RocksRegistryStore.open(directory.resolve("indexed"));
        keysOnly = RocksRegistryStore.openCachingTags(directory.resolve("keys"), 0);
    }

    @AfterEach
    void close() {
        indexed.close();
        keysOnly.close();
    }

    private static String randomTag(Random random) {
        StringBuilder tag = new StringBuilder();
        for (int i = 1 + random.nextInt(5); i > 0; i--) {
            tag.append(LETTERS[random.nextInt(LETTERS.length)]);
        }
        return tag.toString();
    }

    private void put(String repository, String tag, StoredManifest manifest) {
        indexed.manifests().put(repository, manifest, Optional.of(tag), Optional.empty());
        keysOnly.manifests().put(repository, manifest, Optional.of(tag), Optional.empty());
    }

    private void assertSamePages(String repository, TreeSet<String> tags, Random random) {
        List<Optional<String>> afters = new ArrayList<>();
        afters.add(Optional.empty());
        tags.forEach(t -> afters.add(Optional.of(t)));
        for (int i = 0; i < 20; i++) {
            afters.add(Optional.of(randomTag(random)));
        }
        afters.add(Optional.of("\uD800"));
        afters.add(Optional.of("a\uDFFFb"));
        for (Optional<String> after : afters) {
            int limit = LIMITS[random.nextInt(LIMITS.length)];
            assertEquals(keysOnly.tags().list(repository, after, limit), indexed.tags().list(repository, after, limit),
                    "after " + after + ", limit " + limit);
        }
        assertEquals(keysOnly.tags().list(repository, Optional.empty(), Integer.MAX_VALUE),
                indexed.tags().list(repository, Optional.empty(), Integer.MAX_VALUE));
    }

    @Test
    void pagesOfRandomTagSetsEqualPagesReadFromTheKeys() {
        Random random = new Random(20240611L);
        for (int round = 0; round < 6; round++) {
            String repository = "r" + round;
            byte[] content = ("{\"round\":" + round + "}").getBytes(StandardCharsets.UTF_8);
            StoredManifest manifest = new StoredManifest(StoreContract.sha256(content),
                    "application/vnd.oci.image.manifest.v1+json", content, Optional.empty(), Optional.empty(), List.of());
            TreeSet<String> tags = new TreeSet<>();
            for (int i = random.nextInt(80); i >= 0; i--) {
                String tag = randomTag(random);
                tags.add(tag);
                put(repository, tag, manifest);
            }
            assertSamePages(repository, tags, random);

            List<String> present = new ArrayList<>(tags);
            for (int i = 0; i < 5 && !present.isEmpty(); i++) {
                String gone = present.remove(random.nextInt(present.size()));
                indexed.tags().delete(repository, gone);
                keysOnly.tags().delete(repository, gone);
                tags.remove(gone);
                String added = randomTag(random);
                put(repository, added, manifest);
                tags.add(added);
                assertSamePages(repository, tags, random);
            }
        }
    }
}
