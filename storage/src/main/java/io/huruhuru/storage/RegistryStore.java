package io.huruhuru.storage;

import io.huruhuru.oci.Digest;
import io.huruhuru.oci.Reference;
import io.huruhuru.oci.RepositoryName;

import io.huruhuru.storage.attachment.AttachmentStore;
import io.huruhuru.storage.blob.BlobStore;
import io.huruhuru.storage.gc.GarbageCollector;
import io.huruhuru.storage.layer.LayerIndexStore;
import io.huruhuru.storage.manifest.ManifestStore;
import io.huruhuru.storage.manifest.StoredManifest;
import io.huruhuru.storage.preview.PreviewStore;
import io.huruhuru.storage.referrer.ReferrerStore;
import io.huruhuru.storage.repository.RepositoryStore;
import io.huruhuru.storage.statistics.StoreStatistics;
import io.huruhuru.storage.tag.TagStore;
import io.huruhuru.storage.upload.Uploads;
import java.util.Optional;

/**
 * The registry's persistent state: one store per kind of record, opened once on a data directory.
 *
 * <p>Every method may block on disk I/O; callers on an event loop must call it from a worker.
 */
public interface RegistryStore extends AutoCloseable {

    BlobStore blobs();

    Uploads uploads();

    ManifestStore manifests();

    TagStore tags();

    RepositoryStore repositories();

    ReferrerStore referrers();

    AttachmentStore attachments();

    LayerIndexStore layerIndex();

    /** Boot preview reports, deleted with the manifests they are of. */
    PreviewStore previews();

    /** The garbage collector of this store, which runs while the store serves everything else. */
    GarbageCollector collector();

    /** What the store holds and how its database does, each figure cheap to read. */
    StoreStatistics statistics();

    /**
     * Writes one small record and reads it back, proving the store open and writable; a readiness check calls it.
     *
     * @throws StorageException when the store is closed or the write or read fails
     */
    void writeProbe();

    /** The manifest that {@code reference} names in {@code repository}: by its digest, or through its tag. */
    default Optional<StoredManifest> manifest(RepositoryName repository, Reference reference) {
        Optional<Digest> digest = reference instanceof Reference.ByTag byTag
                ? tags().resolve(repository, byTag.tag())
                : Optional.of(((Reference.ByDigest) reference).digest());
        return digest.flatMap(d -> manifests().get(repository, d));
    }

    /** Flushes and closes the database; idempotent. */
    @Override
    void close();
}
