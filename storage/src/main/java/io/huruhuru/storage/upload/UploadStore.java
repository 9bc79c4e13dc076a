package io.huruhuru.storage.upload;

import io.huruhuru.oci.DigestAlgorithm;
import java.time.Instant;
import java.util.List;
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

    /** The ids of the uploads started before {@code cutoff}, whether a handle of them is open or not. */
    List<String> startedBefore(Instant cutoff);

    /**
     * Deletes upload {@code uploadId} with all its bytes, as {@link Upload#cancel()} would, unless a handle of it is
     * open in this process: that upload is its holder's to cancel. Returns whether it was deleted.
     */
    boolean deleteIfNotOpen(String uploadId);
}
