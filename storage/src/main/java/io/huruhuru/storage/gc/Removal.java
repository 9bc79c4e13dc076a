package io.huruhuru.storage.gc;

import io.huruhuru.oci.RepositoryName;
import java.util.Optional;

/** One thing a collection removed (or would remove, dry), and why. */
public record Removal(Kind kind, Optional<RepositoryName> repository, String what, String reason) {

    public enum Kind { TAG, MANIFEST, BLOB }
}
