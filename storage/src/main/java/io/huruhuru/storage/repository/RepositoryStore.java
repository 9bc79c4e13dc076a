package io.huruhuru.storage.repository;

import io.huruhuru.oci.RepositoryName;
import java.util.List;
import java.util.Optional;

/** The registry's repositories, in lexical order; a repository exists once something was linked or stored in it. */
public interface RepositoryStore {

    boolean exists(RepositoryName repository);

    /** Up to {@code limit} repository names in lexical order, after {@code after} when present (the catalog). */
    List<RepositoryName> list(Optional<RepositoryName> after, int limit);

    /** Bytes of the blobs linked into the repository, each counted once (placeholder until gc-storage's merge). */
    default long usage(RepositoryName repository) {
        throw new UnsupportedOperationException("gc-storage implements usage");
    }
}
