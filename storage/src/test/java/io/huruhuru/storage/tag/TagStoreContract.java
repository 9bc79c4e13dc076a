package io.huruhuru.storage.tag;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.huruhuru.oci.RepositoryName;
import io.huruhuru.oci.Tag;
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

    private static final RepositoryName A = repo("a");
    private static final RepositoryName R = repo("r");

    private void tag(String repository, String tag) {
        StoredManifest manifest = manifest("{\"repo\":\"" + repository + "\",\"tag\":\"" + tag + "\"}");
        store.manifests().put(repo(repository), manifest, Optional.of(tag(tag)));
    }

    private static List<Tag> sorted() {
        return tags(TAGS.stream().sorted().toArray(String[]::new));
    }

    @Test
    void listsTagsInLexicalOrderWithoutOtherRepositories() {
        TAGS.forEach(t -> tag("a", t));
        for (String neighbour : List.of("a/b", "ab", "a-b", "a.b")) {
            tag(neighbour, "zz-" + neighbour.replace('/', '_'));
            tag(neighbour, "v1");
        }

        assertEquals(sorted(), store.tags().list(A, Optional.empty(), 100));
        assertEquals(tags("v1", "zz-a_b"), store.tags().list(repo("a/b"), Optional.empty(), 100));
    }

    @Test
    void pagesWithAfterAndLimitCoverEveryTagOnce() {
        TAGS.forEach(t -> tag("a", t));
        tag("ab", "zzz");
        for (int limit = 1; limit <= TAGS.size() + 1; limit++) {
            List<Tag> all = new ArrayList<>();
            Optional<Tag> after = Optional.empty();
            while (true) {
                List<Tag> page = store.tags().list(A, after, limit);
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
        assertEquals(tags("v1-rc", "v1.0"), store.tags().list(A, Optional.of(tag("v1")), 2));
        assertEquals(tags("v1.0.1"), store.tags().list(A, Optional.of(tag("v1.0")), 1));
        assertEquals(tags("v1"), store.tags().list(A, Optional.of(tag("latest")), 1));
        assertEquals(List.of(), store.tags().list(A, Optional.of(tag("zzz")), 5));
        assertEquals(List.of(), store.tags().list(A, Optional.empty(), 0));
        assertEquals(List.of(), store.tags().list(repo("unknown"), Optional.empty(), 5));
    }

    @Test
    void listsFollowEveryChangeOfTags() {
        StoredManifest one = manifest("{\"one\":1}");
        StoredManifest two = manifest("{\"two\":2}");
        store.manifests().put(R, one, Optional.of(tag("a")));
        store.manifests().put(R, one, Optional.of(tag("c")));
        store.manifests().put(R, two, Optional.of(tag("d")));
        assertEquals(tags("a", "c", "d"), store.tags().list(R, Optional.empty(), Integer.MAX_VALUE));
        assertEquals(tags("c"), store.tags().list(R, Optional.of(tag("a")), 1));

        store.manifests().put(R, two, Optional.of(tag("b")));
        assertEquals(tags("a", "b", "c", "d"), store.tags().list(R, Optional.empty(), Integer.MAX_VALUE));
        assertEquals(tags("b"), store.tags().list(R, Optional.of(tag("a")), 1));

        store.tags().delete(R, tag("b"));
        assertEquals(tags("a", "c", "d"), store.tags().list(R, Optional.empty(), Integer.MAX_VALUE));
        assertEquals(tags("c"), store.tags().list(R, Optional.of(tag("a")), 1));

        store.manifests().delete(R, one.digest());
        assertEquals(tags("d"), store.tags().list(R, Optional.empty(), Integer.MAX_VALUE));
        assertEquals(tags("d"), store.tags().list(R, Optional.of(tag("a")), 1));

        store.manifests().put(R, two, Optional.of(tag("a")));
        assertEquals(tags("a", "d"), store.tags().list(R, Optional.empty(), Integer.MAX_VALUE));
    }

    @Test
    void aManifestPutWithoutATagLeavesTheListAsItWas() {
        store.manifests().put(R, manifest("{}"), Optional.of(tag("a")));
        List<Tag> before = store.tags().list(R, Optional.empty(), Integer.MAX_VALUE);

        store.manifests().put(R, manifest("{\"untagged\":1}"), Optional.empty());

        assertEquals(tags("a"), before);
        assertEquals(tags("a"), store.tags().list(R, Optional.empty(), Integer.MAX_VALUE));
    }

    @Test
    void resolveFindsTheManifestDigest() {
        StoredManifest manifest = manifest("{}");
        store.manifests().put(R, manifest, Optional.of(tag("latest")));
        assertEquals(Optional.of(manifest.digest()), store.tags().resolve(R, tag("latest")));
        assertEquals(Optional.empty(), store.tags().resolve(R, tag("latest2")));
        assertEquals(Optional.empty(), store.tags().resolve(R, tag("lates")));
    }

    @Test
    void deleteRemovesTheTagOnly() {
        StoredManifest manifest = manifest("{}");
        store.manifests().put(R, manifest, Optional.of(tag("latest")));

        assertTrue(store.tags().delete(R, tag("latest")));
        assertFalse(store.tags().delete(R, tag("latest")));

        assertEquals(Optional.empty(), store.tags().resolve(R, tag("latest")));
        assertTrue(store.manifests().get(R, manifest.digest()).isPresent());
    }
}
