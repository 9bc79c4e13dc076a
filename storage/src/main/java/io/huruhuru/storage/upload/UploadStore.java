package io.huruhuru.storage.upload;

import io.huruhuru.oci.DigestAlgorithm;
import io.huruhuru.oci.RepositoryName;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * Where uploads are kept across process restarts until committed or cancelled. It keeps no handles: which uploads are
 * in use, and by whom, is {@link Uploads}' to know.
 */
public interface UploadStore {

    /** Starts a new, empty upload into {@code repository}, hashing with {@code algorithm} as bytes arrive. */
    Upload start(RepositoryName repository, DigestAlgorithm algorithm);

    /**
     * A new handle of a stored upload, also one started before a restart of the process (its digest state is then
     * recomputed from the stored bytes). The caller makes sure no other handle of it is in use.
     */
    Optional<Upload> load(String uploadId);

    /** The ids of the stored uploads started before {@code cutoff}. */
    List<String> startedBefore(Instant cutoff);

    /**
     * Deletes stored upload {@code uploadId} with all its bytes; the caller makes sure no handle of it is in use.
     * Returns whether there was such an upload.
     */
    boolean delete(String uploadId);
}
