package io.huruhuru.storage.repository;

import io.huruhuru.oci.RepositoryName;
import java.util.List;
import java.util.Optional;

/** The registry's repositories, in lexical order; a repository exists once something was linked or stored in it. */
public interface RepositoryStore {

    boolean exists(RepositoryName repository);

    /** Up to {@code limit} repository names in lexical order, after {@code after} when present (the catalog). */
    List<RepositoryName> list(Optional<RepositoryName> after, int limit);

    /**
     * The bytes of the blobs linked into {@code repository}, each counted once; kept current in the same atomic
     * writes as links and unlinks, not computed by scanning. Zero for a repository that does not exist.
     */
    long usage(RepositoryName repository);
}
