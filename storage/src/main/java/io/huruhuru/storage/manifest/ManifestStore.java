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
    void put(String repository, StoredManifest manifest, Optional<String> tag, Optional<Referrer> referrer);

    /**
     * Deletes the manifest from {@code repository}, with every tag that points at it and its referrer entry, in one
     * atomic write; returns false if it was not stored.
     */
    boolean delete(String repository, String digest);
}
