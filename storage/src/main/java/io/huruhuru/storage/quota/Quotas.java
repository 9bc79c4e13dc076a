package io.huruhuru.storage.quota;

import io.huruhuru.oci.RepositoryName;
import java.util.OptionalLong;

/** The byte limit of each repository, if any. */
public interface Quotas {

    Quotas NONE = r -> OptionalLong.empty();

    OptionalLong limitOf(RepositoryName repository);
}
