package io.huruhuru.storage.repository;

import java.util.List;
import java.util.Optional;

/** The registry's repositories, in lexical order; a repository exists once something was linked or stored in it. */
public interface RepositoryStore {

    boolean exists(String repository);

    /** Up to {@code limit} repository names in lexical order, after {@code after} when present (the catalog). */
    List<String> list(Optional<String> after, int limit);
}
