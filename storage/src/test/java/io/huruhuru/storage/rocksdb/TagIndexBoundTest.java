package io.huruhuru.storage.rocksdb;

import static io.huruhuru.storage.StoreContract.repo;
import static io.huruhuru.storage.StoreContract.tags;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.huruhuru.oci.Tag;
import io.huruhuru.storage.StoreContract;
import io.huruhuru.storage.manifest.StoredManifest;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The tag index keeps no more tags and repositories than its bounds, and lists stay exact past them. */
class TagIndexBoundTest {

    private static final int MAX_TAGS = 100;
    private static final int MAX_REPOSITORIES = 3;

    @TempDir
    Path directory;

    private RocksRegistryStore store;

    @BeforeEach
    void open() {
        store = RocksRegistryStore.open(directory, new TagIndex(MAX_TAGS, MAX_REPOSITORIES));
    }

    @AfterEach
    void close() {
        store.close();
    }

    private List<Tag> tag(String repository, int count) {
        byte[] content = ("{\"repository\":\"" + repository + "\"}").getBytes(StandardCharsets.UTF_8);
        StoredManifest manifest = new StoredManifest(StoreContract.digestOf(content),
                "application/vnd.oci.image.manifest.v1+json", content, Optional.empty(), Optional.empty(), Map.of(),
                List.of());
        List<Tag> tags = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            Tag tag = Tag.parse(String.format(Locale.ROOT, "t%04d", i));
            store.manifests().put(repo(repository), manifest, Optional.of(tag));
            tags.add(tag);
        }
        return tags;
    }

    private List<Tag> walk(String repository, int page) {
        List<Tag> all = new ArrayList<>();
        Optional<Tag> after = Optional.empty();
        List<Tag> read;
        do {
            read = store.tags().list(repo(repository), after, page);
            all.addAll(read);
            after = read.isEmpty() ? after : Optional.of(read.get(read.size() - 1));
        } while (read.size() == page);
        return all;
    }

    @Test
    void manyRepositoriesKeepTheIndexWithinItsBounds() {
        List<List<Tag>> expected = new ArrayList<>();
        for (int r = 0; r < 6; r++) {
            expected.add(tag("repo" + r, 30));
        }

        for (int round = 0; round < 2; round++) {
            for (int r = 0; r < 6; r++) {
                assertEquals(expected.get(r), store.tags().list(repo("repo" + r), Optional.empty(), Integer.MAX_VALUE));
                assertTrue(store.tagIndex().cachedTags() <= MAX_TAGS, "tags held " + store.tagIndex().cachedTags());
                assertTrue(store.tagIndex().cachedRepositories() <= MAX_REPOSITORIES);
            }
        }
        assertEquals(90, store.tagIndex().cachedTags());
    }

    @Test
    void aRepositoryLargerThanTheIndexIsListedFromTheKeys() {
        List<Tag> small = tag("small", 10);
        List<Tag> big = tag("big", MAX_TAGS + 50);
        store.tags().list(repo("small"), Optional.empty(), Integer.MAX_VALUE);

        assertEquals(big, store.tags().list(repo("big"), Optional.empty(), Integer.MAX_VALUE));
        assertEquals(big, walk("big", 7));
        assertEquals(big.subList(101, 104), store.tags().list(repo("big"), Optional.of(big.get(100)), 3));
        assertEquals(small, walk("small", 3));
        assertEquals(10, store.tagIndex().cachedTags());
    }

    @Test
    void aTagChangeDropsTheRepositorysSnapshot() {
        tag("r", 20);
        store.tags().list(repo("r"), Optional.empty(), 5);
        assertEquals(20, store.tagIndex().cachedTags());

        store.tags().delete(repo("r"), Tag.parse("t0003"));

        assertEquals(0, store.tagIndex().cachedTags());
        assertEquals(tags("t0002", "t0004"), store.tags().list(repo("r"), Optional.of(Tag.parse("t0001")), 2));
        assertEquals(19, store.tagIndex().cachedTags());
    }
}
