package io.huruhuru.storage.manifest;

import io.huruhuru.oci.Digest;
import io.huruhuru.oci.RepositoryName;
import io.huruhuru.oci.Tag;
import io.huruhuru.storage.attachment.ManifestAttachment;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.function.Predicate;

/** Manifests per repository, stored together with their tag, referrer entry, attachments and companions. */
public interface ManifestStore {

    Optional<StoredManifest> get(RepositoryName repository, Digest digest);

    /**
     * Stores {@code manifest} in {@code repository}, points {@code tag} at it if present, records it as a referrer of
     * its subject if it has one (described by its media type, content length, artifact type and annotations), and
     * keeps each of {@code attachments} under its role, replacing an earlier one of that role. Putting the same
     * manifest again only updates the tag and the given attachments. Creates the repository if needed.
     *
     * <p>Each of {@code companions} is stored with it: the companion's blobs (a blob stored already keeps its record
     * and content) linked into the repository, the companion manifest (unless stored already) with its referrer
     * entry, and its tag, pointed at it only if the repository has no such tag yet, so that a signature a client
     * pushed under that tag is kept. All of it is one atomic write, made while no other tag write runs: a reader sees
     * the manifest with all its companions or none of it.
     *
     * @throws IllegalArgumentException if two attachments have the same role; if two tags among {@code tag} and the
     *     companions' are equal; if a companion's blob is not one of its references; or if a companion references a
     *     digest that is neither among its blobs, nor {@code manifest}, nor a blob or manifest of the repository.
     *     Nothing is stored then.
     */
    void put(RepositoryName repository, StoredManifest manifest, Optional<Tag> tag,
            List<ManifestAttachment> attachments, List<Companion> companions);

    /** Stores {@code manifest} as {@link #put(RepositoryName, StoredManifest, Optional, List, List)}, alone. */
    default void put(RepositoryName repository, StoredManifest manifest, Optional<Tag> tag,
            List<ManifestAttachment> attachments) {
        put(repository, manifest, tag, attachments, List.of());
    }

    /** Stores {@code manifest} as {@link #put(RepositoryName, StoredManifest, Optional, List, List)}, alone. */
    default void put(RepositoryName repository, StoredManifest manifest, Optional<Tag> tag) {
        put(repository, manifest, tag, List.of(), List.of());
    }

    /**
     * What goes with a deleted manifest: its referrers of the given artifact types, and the manifests the given tags
     * point at (such as its signatures under {@code sha256-<hex>.sig}) that {@code tagged} accepts; a tag whose
     * manifest it refuses (an ordinary image that a user tagged so) stays with its manifest.
     */
    record Dependents(Set<String> referrerArtifactTypes, Set<Tag> tags, Predicate<StoredManifest> tagged) {

        /** Nothing goes with the manifest. */
        public static final Dependents NONE = new Dependents(Set.of(), Set.of(), manifest -> false);

        public Dependents {
            referrerArtifactTypes = Set.copyOf(referrerArtifactTypes);
            tags = Set.copyOf(tags);
        }
    }

    /**
     * Deletes the manifest from {@code repository}, with every tag that points at it, its referrer entry and its
     * attachments, and, in the same atomic write, each of its {@code dependents} stored in the repository: every
     * referrer of it with one of the dependents' artifact types and every manifest one of the dependents' tags points
     * at, each likewise with all its tags (a dependent that another tag points at goes too), its referrer entry and
     * its attachments. Blobs and their links stay. Returns false, deleting nothing, if the manifest was not stored.
     */
    boolean delete(RepositoryName repository, Digest digest, Dependents dependents);

    /** Deletes the manifest as {@link #delete(RepositoryName, Digest, Dependents)} does, without dependents. */
    default boolean delete(RepositoryName repository, Digest digest) {
        return delete(repository, digest, Dependents.NONE);
    }

    /**
     * Notes that the manifest was pulled now: cheap, in memory, coalesced per manifest and written in the background
     * every few seconds and when the store closes (a crash may lose the last seconds of pulls).
     */
    void recordPull(RepositoryName repository, Digest digest);

    /** When the manifest was last pulled, as far as {@link #recordPull} was told. */
    Optional<Instant> lastPulled(RepositoryName repository, Digest digest);

    /**
     * When the manifest was first stored in the repository (a put of a stored manifest keeps the time); empty for one
     * stored before push times were recorded.
     */
    Optional<Instant> pushed(RepositoryName repository, Digest digest);
}
