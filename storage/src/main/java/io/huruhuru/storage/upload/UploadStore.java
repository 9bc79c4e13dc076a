package io.huruhuru.storage.upload;

import java.util.Optional;

/** Upload sessions: bytes of a blob being pushed, kept across process restarts until committed or cancelled. */
public interface UploadStore {

    /** Starts a new, empty upload into {@code repository}, hashing with {@code algorithm} as bytes arrive. */
    Upload start(String repository, DigestAlgorithm algorithm);

    /**
     * Opens an existing upload, also one started before a restart of the process (its digest state is then
     * recomputed from the stored bytes). The returned handle is the only writer of that upload: callers keep one
     * handle per upload and serialise calls on it.
     */
    Optional<Upload> open(String uploadId);
}
