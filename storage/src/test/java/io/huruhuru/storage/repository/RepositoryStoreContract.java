package io.huruhuru.storage.repository;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.huruhuru.oci.RepositoryName;
import io.huruhuru.storage.StoreContract;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** The contract of {@link RepositoryStore}, run against each implementation. */
public abstract class RepositoryStoreContract extends StoreContract {

    private static final List<String> NAMES = List.of("library/ubuntu", "a/b", "ab", "a", "b", "a-b", "a/b/c", "a.b");

    private void create(String repository) {
        store.manifests().put(repo(repository), manifest("{\"r\":\"" + repository + "\"}"), Optional.empty());
    }

    private static List<RepositoryName> names(String... names) {
        return Arrays.stream(names).map(RepositoryName::parse).toList();
    }

    @Test
    void repositoryExistsOnceSomethingIsStoredInIt() {
        assertFalse(store.repositories().exists(repo("a")));
        push("a", bytes(10, 1));
        assertTrue(store.repositories().exists(repo("a")));
        assertFalse(store.repositories().exists(repo("a/b")));
    }

    @Test
    void catalogListsInLexicalOrder() {
        NAMES.forEach(this::create);
        List<RepositoryName> sorted = names(NAMES.stream().sorted().toArray(String[]::new));
        assertEquals(sorted, store.repositories().list(Optional.empty(), 100));
    }

    @Test
    void catalogPagesCoverEveryRepositoryOnce() {
        NAMES.forEach(this::create);
        List<RepositoryName> sorted = names(NAMES.stream().sorted().toArray(String[]::new));
        for (int limit = 1; limit <= NAMES.size() + 1; limit++) {
            List<RepositoryName> all = new ArrayList<>();
            Optional<RepositoryName> after = Optional.empty();
            while (true) {
                List<RepositoryName> page = store.repositories().list(after, limit);
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
        assertEquals(names("a-b", "a.b"), store.repositories().list(Optional.of(repo("a")), 2));
        assertEquals(names("a/b/c"), store.repositories().list(Optional.of(repo("a/b")), 1));
        assertEquals(names("a"), store.repositories().list(Optional.of(repo("0")), 1));
        assertEquals(List.of(), store.repositories().list(Optional.of(repo("library/ubuntu")), 3));
        assertEquals(List.of(), store.repositories().list(Optional.empty(), 0));
    }
}
