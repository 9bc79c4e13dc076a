package io.huruhuru.storage.manifest;

import io.huruhuru.oci.Digest;
import io.huruhuru.oci.RepositoryName;
import io.huruhuru.oci.Tag;
import io.huruhuru.storage.attachment.ManifestAttachment;
import java.util.List;
import java.util.Optional;

/** Manifests per repository, stored together with their tag, referrer entry and attachments. */
public interface ManifestStore {

    Optional<StoredManifest> get(RepositoryName repository, Digest digest);

    /**
     * Stores {@code manifest} in {@code repository}, points {@code tag} at it if present, records it as a referrer of
     * its subject if it has one (described by its media type, content length, artifact type and annotations), and
     * keeps each of {@code attachments} under its role, replacing an earlier one of that role; all in one atomic
     * write. Putting the same manifest again only updates the tag and the given attachments. Creates the repository if
     * needed.
     *
     * @throws IllegalArgumentException if two attachments have the same role
     */
    void put(RepositoryName repository, StoredManifest manifest, Optional<Tag> tag,
            List<ManifestAttachment> attachments);

    /** Stores {@code manifest} as {@link #put(RepositoryName, StoredManifest, Optional, List)} does, with no attachment. */
    default void put(RepositoryName repository, StoredManifest manifest, Optional<Tag> tag) {
        put(repository, manifest, tag, List.of());
    }

    /**
     * Deletes the manifest from {@code repository}, with every tag that points at it, its referrer entry and its
     * attachments, in one atomic write; returns false if it was not stored.
     */
    boolean delete(RepositoryName repository, Digest digest);
}
