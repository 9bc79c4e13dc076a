package io.huruhuru.storage.preview;

import io.huruhuru.oci.Digest;
import io.huruhuru.oci.RepositoryName;
import java.util.List;
import java.util.Optional;

/**
 * Reports kept by id, indexed by the manifests they are of. A report is deleted in the same atomic write as any of
 * its subject manifests ({@code ManifestStore.delete}, and so by retention too): no report outlives what it is of.
 */
public interface PreviewStore {

    /**
     * Keeps {@code preview}, replacing one of the same id, unless one of its subjects is not stored (any more); whether
     * it was kept. The check and the write are atomic with manifest deletes.
     */
    boolean put(StoredPreview preview);

    Optional<StoredPreview> get(PreviewId id);

    /**
     * The reports of {@code repository}'s manifests (of {@code manifest} only, when given), in the order of manifest
     * digest, then id; at most {@code limit}.
     */
    List<ListedPreview> list(RepositoryName repository, Optional<Digest> manifest, int limit);
}
