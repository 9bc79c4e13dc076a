package io.huruhuru.storage.preview;

import io.huruhuru.oci.Digest;
import io.huruhuru.oci.RepositoryName;

/** A stored manifest that a kept report is of: the report lives only as long as every one of its subjects. */
public record PreviewSubject(RepositoryName repository, Digest manifest) {

    public PreviewSubject {
        if (repository == null || manifest == null) {
            throw new NullPointerException("repository and manifest are required");
        }
    }
}
