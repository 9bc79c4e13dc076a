package io.huruhuru.storage.gc;

import io.huruhuru.oci.RepositoryName;
import java.util.Optional;

/** One thing a collection removed (or would remove): a tag or manifest of a repository, or a blob, and why. */
public record Removal(Kind kind, Optional<RepositoryName> repository, String what, String reason) {

    /** What was removed. */
    public enum Kind { TAG, MANIFEST, BLOB }
}
