package io.huruhuru.storage.manifest;

import io.huruhuru.storage.referrer.Referrer;
import java.util.Optional;

/** Manifests per repository, stored together with their tag and referrer entries. */
public interface ManifestStore {

    Optional<StoredManifest> get(String repository, String digest);

    /**
     * Stores {@code manifest} in {@code repository}, points {@code tag} at it if present, and, when {@code referrer} is
     * present, records it under the manifest's subject, all in one atomic write. Putting the same manifest again only
     * updates the tag. Creates the repository if needed.
     */
    default void put(String repository, StoredManifest manifest, Optional<String> tag, Optional<Referrer> referrer) {
        put(repository, manifest, tag, referrer, Optional.empty());
    }

    /**
     * Stores as {@link #put(String, StoredManifest, Optional, Optional)} does and, when present, keeps
     * {@code validationReport} (opaque bytes) as the manifest's validation report, replacing an earlier one, in the
     * same atomic write.
     */
    void put(String repository, StoredManifest manifest, Optional<String> tag, Optional<Referrer> referrer,
            Optional<byte[]> validationReport);

    /** Whether any manifest of {@code repository} has a validation report kept (the repository holds koskit images). */
    boolean holdsValidationReports(String repository);

    /** The validation report kept with the manifest {@code digest} of {@code repository}, if any. */
    Optional<byte[]> validationReport(String repository, String digest);

    /**
     * Deletes the manifest from {@code repository}, with every tag that points at it, its referrer entry and its
     * validation report, in one
     * atomic write; returns false if it was not stored.
     */
    boolean delete(String repository, String digest);
}
