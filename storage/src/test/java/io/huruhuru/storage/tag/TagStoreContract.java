package io.huruhuru.storage.tag;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.huruhuru.storage.StoreContract;
import io.huruhuru.storage.manifest.StoredManifest;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** The contract of {@link TagStore}, run against each implementation. */
public abstract class TagStoreContract extends StoreContract {

    private static final List<String> TAGS =
            List.of("v1.0", "v1", "latest", "v10", "V2", "v1-rc", "v1.0.1", "_x", "a", "A", "v1_0", "9");

    private void tag(String repository, String tag) {
        StoredManifest manifest = manifest("{\"repo\":\"" + repository + "\",\"tag\":\"" + tag + "\"}");
        store.manifests().put(repository, manifest, Optional.of(tag), Optional.empty());
    }

    private static List<String> sorted() {
        List<String> sorted = new ArrayList<>(TAGS);
        sorted.sort(null);
        return sorted;
    }

    @Test
    void listsTagsInLexicalOrderWithoutOtherRepositories() {
        TAGS.forEach(t -> tag("a", t));
        for (String neighbour : List.of("a/b", "ab", "a-b", "a.b", "")) {
            tag(neighbour, "zz-" + neighbour);
            tag(neighbour, "v1");
        }

        assertEquals(sorted(), store.tags().list("a", Optional.empty(), 100));
        assertEquals(List.of("v1", "zz-a/b"), store.tags().list("a/b", Optional.empty(), 100));
    }

    @Test
    void pagesWithAfterAndLimitCoverEveryTagOnce() {
        TAGS.forEach(t -> tag("a", t));
        tag("ab", "zzz");
        for (int limit = 1; limit <= TAGS.size() + 1; limit++) {
            List<String> all = new ArrayList<>();
            Optional<String> after = Optional.empty();
            while (true) {
                List<String> page = store.tags().list("a", after, limit);
                assertTrue(page.size() <= limit);
                all.addAll(page);
                if (page.size() < limit) {
                    break;
                }
                after = Optional.of(page.get(page.size() - 1));
            }
            assertEquals(sorted(), all, "limit " + limit);
        }
    }

    @Test
    void afterATagThatIsAPrefixOfOthersStartsWithThem() {
        TAGS.forEach(t -> tag("a", t));
        assertEquals(List.of("v1-rc", "v1.0"), store.tags().list("a", Optional.of("v1"), 2));
        assertEquals(List.of("v1.0.1"), store.tags().list("a", Optional.of("v1.0"), 1));
        assertEquals(List.of("v1"), store.tags().list("a", Optional.of("latest"), 1));
        assertEquals(List.of(), store.tags().list("a", Optional.of("zzz"), 5));
        assertEquals(List.of(), store.tags().list("a", Optional.empty(), 0));
        assertEquals(List.of(), store.tags().list("unknown", Optional.empty(), 5));
    }

    @Test
    void listsFollowEveryChangeOfTags() {
        StoredManifest one = manifest("{\"one\":1}");
        StoredManifest two = manifest("{\"two\":2}");
        store.manifests().put("r", one, Optional.of("a"), Optional.empty());
        store.manifests().put("r", one, Optional.of("c"), Optional.empty());
        store.manifests().put("r", two, Optional.of("d"), Optional.empty());
        assertEquals(List.of("a", "c", "d"), store.tags().list("r", Optional.empty(), Integer.MAX_VALUE));
        assertEquals(List.of("c"), store.tags().list("r", Optional.of("a"), 1));

        store.manifests().put("r", two, Optional.of("b"), Optional.empty());
        assertEquals(List.of("a", "b", "c", "d"), store.tags().list("r", Optional.empty(), Integer.MAX_VALUE));
        assertEquals(List.of("b"), store.tags().list("r", Optional.of("a"), 1));

        store.tags().delete("r", "b");
        assertEquals(List.of("a", "c", "d"), store.tags().list("r", Optional.empty(), Integer.MAX_VALUE));
        assertEquals(List.of("c"), store.tags().list("r", Optional.of("a"), 1));

        store.manifests().delete("r", one.digest());
        assertEquals(List.of("d"), store.tags().list("r", Optional.empty(), Integer.MAX_VALUE));
        assertEquals(List.of("d"), store.tags().list("r", Optional.of("a"), 1));

        store.manifests().put("r", two, Optional.of("a"), Optional.empty());
        assertEquals(List.of("a", "d"), store.tags().list("r", Optional.empty(), Integer.MAX_VALUE));
    }

    @Test
    void aManifestPutWithoutATagLeavesTheListAsItWas() {
        store.manifests().put("r", manifest("{}"), Optional.of("a"), Optional.empty());
        List<String> before = store.tags().list("r", Optional.empty(), Integer.MAX_VALUE);

        store.manifests().put("r", manifest("{\"untagged\":1}"), Optional.empty(), Optional.empty());

        assertEquals(List.of("a"), before);
        assertEquals(List.of("a"), store.tags().list("r", Optional.empty(), Integer.MAX_VALUE));
    }

    @Test
    void resolveFindsTheManifestDigest() {
        StoredManifest manifest = manifest("{}");
        store.manifests().put("r", manifest, Optional.of("latest"), Optional.empty());
        assertEquals(Optional.of(manifest.digest()), store.tags().resolve("r", "latest"));
        assertEquals(Optional.empty(), store.tags().resolve("r", "latest2"));
        assertEquals(Optional.empty(), store.tags().resolve("r", "lates"));
    }

    @Test
    void deleteRemovesTheTagOnly() {
        StoredManifest manifest = manifest("{}");
        store.manifests().put("r", manifest, Optional.of("latest"), Optional.empty());

        assertTrue(store.tags().delete("r", "latest"));
        assertFalse(store.tags().delete("r", "latest"));

        assertEquals(Optional.empty(), store.tags().resolve("r", "latest"));
        assertTrue(store.manifests().get("r", manifest.digest()).isPresent());
    }
}
