package io.huruhuru.storage.repository;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.huruhuru.storage.StoreContract;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** The contract of {@link RepositoryStore}, run against each implementation. */
public abstract class RepositoryStoreContract extends StoreContract {

    private static final List<String> NAMES = List.of("library/ubuntu", "a/b", "ab", "a", "b", "a-b", "a/b/c", "a.b");

    private void create(String repository) {
        store.manifests().put(repository, manifest("{\"r\":\"" + repository + "\"}"), Optional.empty(),
                Optional.empty());
    }

    @Test
    void repositoryExistsOnceSomethingIsStoredInIt() {
        assertFalse(store.repositories().exists("a"));
        push("a", bytes(10, 1));
        assertTrue(store.repositories().exists("a"));
        assertFalse(store.repositories().exists("a/b"));
        assertFalse(store.repositories().exists(""));
    }

    @Test
    void catalogListsInLexicalOrder() {
        NAMES.forEach(this::create);
        List<String> sorted = new ArrayList<>(NAMES);
        sorted.sort(null);
        assertEquals(sorted, store.repositories().list(Optional.empty(), 100));
    }

    @Test
    void catalogPagesCoverEveryRepositoryOnce() {
        NAMES.forEach(this::create);
        List<String> sorted = new ArrayList<>(NAMES);
        sorted.sort(null);
        for (int limit = 1; limit <= NAMES.size() + 1; limit++) {
            List<String> all = new ArrayList<>();
            Optional<String> after = Optional.empty();
            while (true) {
                List<String> page = store.repositories().list(after, limit);
                all.addAll(page);
                if (page.size() < limit) {
                    break;
                }
                after = Optional.of(page.get(page.size() - 1));
            }
            assertEquals(sorted, all, "limit " + limit);
        }
    }

    @Test
    void afterARepositoryThatIsAPrefixStartsWithTheLongerNames() {
        NAMES.forEach(this::create);
        assertEquals(List.of("a-b", "a.b"), store.repositories().list(Optional.of("a"), 2));
        assertEquals(List.of("a/b/c"), store.repositories().list(Optional.of("a/b"), 1));
        assertEquals(List.of("a"), store.repositories().list(Optional.of("0"), 1));
        assertEquals(List.of(), store.repositories().list(Optional.of("library/ubuntu"), 3));
        assertEquals(List.of(), store.repositories().list(Optional.empty(), 0));
    }
}
