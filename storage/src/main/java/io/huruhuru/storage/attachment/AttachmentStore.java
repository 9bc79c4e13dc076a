package io.huruhuru.storage.attachment;

import io.huruhuru.oci.Digest;
import io.huruhuru.oci.RepositoryName;
import java.util.Optional;

/** The attachments of manifests, kept by {@code ManifestStore.put} and removed by {@code ManifestStore.delete}. */
public interface AttachmentStore {

    /** The content kept under {@code role} with the manifest {@code digest} of {@code repository}, if any. */
    Optional<byte[]> get(RepositoryName repository, Digest digest, AttachmentRole role);

    /** Whether any manifest of {@code repository} has an attachment of {@code role}. */
    boolean holdsAny(RepositoryName repository, AttachmentRole role);
}
