package io.huruhuru.storage.quota;

import io.huruhuru.oci.RepositoryName;
import java.util.OptionalLong;

/** The byte limit of each repository, if it has one; asked at every link, so it should answer from memory. */
@FunctionalInterface
public interface Quotas {

    /** No repository has a limit. */
    Quotas NONE = repository -> OptionalLong.empty();

    OptionalLong limitOf(RepositoryName repository);
}
