package io.huruhuru.storage.rocksdb;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.huruhuru.oci.RepositoryName;
import io.huruhuru.oci.Tag;
import io.huruhuru.storage.StoreContract;
import io.huruhuru.storage.manifest.StoredManifest;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.TreeSet;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Pages served from the tag index equal the pages read from the keys (a store that keeps no tags in memory), for
 * random tag sets of every kind of tag character, and after random changes.
 */
class TagPagesMatchKeysTest {

    /** Letters of tags: each kind that OCI tags allow; a tag starts with one of the first eight. */
    private static final String[] LETTERS = {"a", "b", "A", "Z", "0", "9", "_", "z", ".", "-"};
    private static final int FIRST_LETTERS = 8;
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

    private static Tag randomTag(Random random) {
        StringBuilder tag = new StringBuilder(LETTERS[random.nextInt(FIRST_LETTERS)]);
        for (int i = random.nextInt(5); i > 0; i--) {
            tag.append(LETTERS[random.nextInt(LETTERS.length)]);
        }
        return Tag.parse(tag.toString());
    }

    private void put(RepositoryName repository, Tag tag, StoredManifest manifest) {
        indexed.manifests().put(repository, manifest, Optional.of(tag));
        keysOnly.manifests().put(repository, manifest, Optional.of(tag));
    }

    private void assertSamePages(RepositoryName repository, TreeSet<Tag> tags, Random random) {
        List<Optional<Tag>> afters = new ArrayList<>();
        afters.add(Optional.empty());
        tags.forEach(t -> afters.add(Optional.of(t)));
        for (int i = 0; i < 20; i++) {
            afters.add(Optional.of(randomTag(random)));
        }
        for (Optional<Tag> after : afters) {
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
            RepositoryName repository = RepositoryName.parse("r" + round);
            byte[] content = ("{\"round\":" + round + "}").getBytes(StandardCharsets.UTF_8);
            StoredManifest manifest = new StoredManifest(StoreContract.digestOf(content),
                    "application/vnd.oci.image.manifest.v1+json", content, Optional.empty(), Optional.empty(), Map.of(),
                    List.of());
            TreeSet<Tag> tags = new TreeSet<>(Comparator.comparing(Tag::value));
            for (int i = random.nextInt(80); i >= 0; i--) {
                Tag tag = randomTag(random);
                tags.add(tag);
                put(repository, tag, manifest);
            }
            assertSamePages(repository, tags, random);

            List<Tag> present = new ArrayList<>(tags);
            for (int i = 0; i < 5 && !present.isEmpty(); i++) {
                Tag gone = present.remove(random.nextInt(present.size()));
                indexed.tags().delete(repository, gone);
                keysOnly.tags().delete(repository, gone);
                tags.remove(gone);
                Tag added = randomTag(random);
                put(repository, added, manifest);
                tags.add(added);
                assertSamePages(repository, tags, random);
            }
        }
    }
}
