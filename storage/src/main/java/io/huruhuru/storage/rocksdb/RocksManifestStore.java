package io.huruhuru.storage.rocksdb;

import io.huruhuru.oci.Digest;
import io.huruhuru.oci.RepositoryName;
import io.huruhuru.oci.Tag;
import io.huruhuru.storage.attachment.AttachmentRole;
import io.huruhuru.storage.attachment.ManifestAttachment;
import io.huruhuru.storage.manifest.Companion;
import io.huruhuru.storage.manifest.ManifestStore;
import io.huruhuru.storage.manifest.StoredManifest;
import io.huruhuru.storage.referrer.Referrer;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.rocksdb.RocksDBException;
import org.rocksdb.RocksIterator;
import org.rocksdb.WriteBatch;

/**
 * Manifests with their tags, referrer entries, attachments and companions. Writes that touch tags hold one lock, so
 * that a delete that scans the tags of a repository cannot miss a tag put at the same time and a companion's tag is
 * pointed only where no tag is, and tell the {@link TagIndex} before they return. A put whose companions bring blobs
 * also holds the blob lock that upload commits take, so that a blob is recorded once.
 */
final class RocksManifestStore implements ManifestStore {

    private final Db db;
    private final RocksRepositoryStore repositories;
    private final Object tagLock;
    private final Object blobLock;
    private final TagIndex tagIndex;
    private final ManifestWrites writes;
    private final CollectionGuard guard;
    private final PullTimes pulls;
    /** What {@link #pushed} answers for manifests stored before push times were recorded. */
    private final Instant pushedRecordedSince;

    RocksManifestStore(Db db, RocksRepositoryStore repositories, Object tagLock, Object blobLock, TagIndex tagIndex,
            CollectionGuard guard, PullTimes pulls) {
        this.db = db;
        this.repositories = repositories;
        this.tagLock = tagLock;
        this.blobLock = blobLock;
        this.tagIndex = tagIndex;
        this.writes = new ManifestWrites(db, repositories);
        this.guard = guard;
        this.pulls = pulls;
        this.pushedRecordedSince = StoreMigrations.pushedRecordedSince(db);
    }

    @Override
    public void recordPull(RepositoryName repository, Digest digest) {
        pulls.record(repository, digest);
    }

    @Override
    public Optional<Instant> lastPulled(RepositoryName repository, Digest digest) {
        return pulls.lastPulled(repository, digest);
    }

    @Override
    public Optional<Instant> pushed(RepositoryName repository, Digest digest) {
        return Optional.ofNullable(db.get(Db.Family.MANIFEST_PUSHED, Keys.manifestTime(repository, digest)))
                .map(Values::created);
    }

    /** When the manifest was pushed, or, for one stored before push times were recorded, when they began to be. */
    Instant pushedOrUpgraded(RepositoryName repository, Digest digest) {
        return pushed(repository, digest).orElse(pushedRecordedSince);
    }

    @Override
    public Optional<StoredManifest> get(RepositoryName repository, Digest digest) {
        return Optional.ofNullable(db.get(Db.Family.MANIFESTS, Keys.manifest(repository, digest)))
                .map(Values::manifest);
    }

    @Override
    public void put(RepositoryName repository, StoredManifest manifest, Optional<Tag> tag,
            List<ManifestAttachment> attachments, List<Companion> companions) {
        requireDistinctRoles(attachments);
        Instant now = Values.now();
        synchronized (tagLock) {
            if (companions.stream().allMatch(companion -> companion.blobs().isEmpty())) {
                write(repository, manifest, tag, attachments, companions, now);
            } else {
                synchronized (blobLock) {
                    write(repository, manifest, tag, attachments, companions, now);
                }
            }
        }
    }

    /** Checks the companions, then writes the manifest with everything that goes with it in one batch. */
    private void write(RepositoryName repository, StoredManifest manifest, Optional<Tag> tag,
            List<ManifestAttachment> attachments, List<Companion> companions, Instant now) {
        writes.check(repository, manifest, companions);
        guard.writing(touchedBy(manifest, companions), () -> {
            guard.requireNotCollected(repository, manifest.references(), digest ->
                    db.get(Db.Family.BLOBS, Keys.blob(digest)) != null
                            || db.get(Db.Family.MANIFESTS, Keys.manifest(repository, digest)) != null);
            writeBatch(repository, manifest, tag, attachments, companions, now);
            return null;
        });
    }

    /** The digests a put references or stores: a collection that runs meanwhile keeps them all. */
    private static List<Digest> touchedBy(StoredManifest manifest, List<Companion> companions) {
        List<Digest> touched = new ArrayList<>(manifest.references());
        touched.add(manifest.digest());
        manifest.subject().ifPresent(touched::add);
        for (Companion companion : companions) {
            touched.add(companion.manifest().digest());
            touched.addAll(companion.manifest().references());
        }
        return touched;
    }

    private void writeBatch(RepositoryName repository, StoredManifest manifest, Optional<Tag> tag,
            List<ManifestAttachment> attachments, List<Companion> companions, Instant now) {
        try (WriteBatch batch = new WriteBatch()) {
            boolean tagged = db.call(() -> {
                writes.addManifest(batch, repository, manifest, now);
                if (tag.isPresent()) {
                    batch.put(db.family(Db.Family.TAGS), Keys.tag(repository, tag.get()),
                            Values.tag(manifest.digest()));
                }
                for (ManifestAttachment attachment : attachments) {
                    batch.put(db.family(Db.Family.ATTACHMENTS),
                            Keys.attachment(repository, attachment.role(), manifest.digest()), attachment.content());
                }
                boolean companionTagged = writes.addCompanions(batch, repository, tag, companions, now);
                repositories.createIfAbsent(batch, repository, now);
                return tag.isPresent() || companionTagged;
            });
            try {
                db.write(batch, true);
            } finally {
                // even when the write fails: a write whose sync failed may still be visible
                if (tagged) {
                    tagIndex.changed(repository);
                }
            }
        }
    }

    private static void requireDistinctRoles(List<ManifestAttachment> attachments) {
        Set<AttachmentRole> roles = new HashSet<>();
        for (ManifestAttachment attachment : attachments) {
            if (!roles.add(attachment.role())) {
                throw new IllegalArgumentException("two attachments of role " + attachment.role());
            }
        }
    }

    @Override
    public boolean delete(RepositoryName repository, Digest digest, Dependents dependents) {
        synchronized (tagLock) {
            Optional<StoredManifest> manifest = get(repository, digest);
            if (manifest.isEmpty()) {
                return false;
            }
            try (WriteBatch batch = new WriteBatch()) {
                boolean untagged = db.call(() -> {
                    Map<Digest, StoredManifest> doomed = new LinkedHashMap<>();
                    doomed.put(digest, manifest.get());
                    for (Digest dependent : dependentsOf(repository, digest, dependents)) {
                        get(repository, dependent).ifPresent(stored -> doomed.putIfAbsent(dependent, stored));
                    }
                    List<AttachmentRole> roles = attachmentRoles(repository);
                    byte[] now = Values.created(Values.now());
                    for (StoredManifest stored : doomed.values()) {
                        batch.delete(db.family(Db.Family.MANIFESTS), Keys.manifest(repository, stored.digest()));
                        batch.delete(db.family(Db.Family.MANIFEST_PUSHED),
                                Keys.manifestTime(repository, stored.digest()));
                        batch.delete(db.family(Db.Family.MANIFEST_PULLED),
                                Keys.manifestTime(repository, stored.digest()));
                        pulls.forget(repository, stored.digest());
                        // its blobs are unreferenced from now on (unless another manifest references them): the
                        // grace period counts from here, not from the collection that last saw them referenced
                        for (Digest reference : stored.references()) {
                            batch.merge(db.family(Db.Family.BLOB_SEEN), Keys.blobSeen(reference), now);
                        }
                        if (stored.subject().isPresent()) {
                            batch.delete(db.family(Db.Family.REFERRERS),
                                    Keys.referrer(repository, stored.subject().get(), stored.digest()));
                        }
                        for (AttachmentRole role : roles) {
                            batch.delete(db.family(Db.Family.ATTACHMENTS),
                                    Keys.attachment(repository, role, stored.digest()));
                        }
                        RocksPreviewStore.deleteReportsOf(db, batch, repository, stored.digest());
                    }
                    return deleteTags(batch, repository, doomed.keySet());
                });
                try {
                    db.write(batch, true);
                } finally {
                    if (untagged) {
                        tagIndex.changed(repository);
                    }
                }
            }
            return true;
        }
    }

    /**
     * Deletes the manifest for retention if no tag points at it and no put touched it (as a manifest, an index child
     * or a subject) since the collection began; whether it did.
     */
    boolean deleteIfUntagged(RepositoryName repository, Digest digest) {
        synchronized (tagLock) {
            if (guard.touched(digest)) {
                return false;
            }
            boolean tagged = db.call(() -> {
                byte[] prefix = Keys.tagPrefix(repository);
                try (RocksIterator tags = db.iterator(Db.Family.TAGS)) {
                    for (tags.seek(prefix); tags.isValid() && Keys.hasPrefix(tags.key(), prefix); tags.next()) {
                        if (Values.tag(tags.value()).equals(digest)) {
                            return true;
                        }
                    }
                    tags.status();
                }
                return false;
            });
            return !tagged && delete(repository, digest, Dependents.NONE);
        }
    }

    /**
     * The digests of the referrers of {@code digest} with one of the dependents' artifact types and of the manifests
     * the dependents' tags point at; some may not be stored.
     */
    private Set<Digest> dependentsOf(RepositoryName repository, Digest digest, Dependents dependents)
            throws RocksDBException {
        Set<Digest> found = new LinkedHashSet<>();
        if (!dependents.referrerArtifactTypes().isEmpty()) {
            byte[] prefix = Keys.referrerPrefix(repository, digest);
            try (RocksIterator referrers = db.iterator(Db.Family.REFERRERS)) {
                for (referrers.seek(prefix); referrers.isValid(); referrers.next()) {
                    if (!Keys.hasPrefix(referrers.key(), prefix)) {
                        break;
                    }
                    Referrer referrer = Values.referrer(referrers.value());
                    if (referrer.artifactType().filter(dependents.referrerArtifactTypes()::contains).isPresent()) {
                        found.add(referrer.digest());
                    }
                }
                referrers.status();
            }
        }
        for (Tag tag : dependents.tags()) {
            byte[] target = db.get(Db.Family.TAGS, Keys.tag(repository, tag));
            if (target != null) {
                Digest dependent = Values.tag(target);
                if (get(repository, dependent).filter(dependents.tagged()).isPresent()) {
                    found.add(dependent);
                }
            }
        }
        return found;
    }

    /** The role of every attachment the repository holds; one seek per role. */
    private List<AttachmentRole> attachmentRoles(RepositoryName repository) throws RocksDBException {
        List<AttachmentRole> roles = new ArrayList<>();
        byte[] prefix = Keys.attachmentsOf(repository);
        try (RocksIterator attachments = db.iterator(Db.Family.ATTACHMENTS)) {
            attachments.seek(prefix);
            while (attachments.isValid() && Keys.hasPrefix(attachments.key(), prefix)) {
                AttachmentRole role = Keys.attachmentRoleOf(attachments.key(), prefix.length);
                roles.add(role);
                attachments.seek(Keys.attachmentRoleAfter(repository, role));
            }
            attachments.status();
        }
        return roles;
    }

    /** Adds the deletion of each tag of the repository that points at one of {@code digests}; whether there was one. */
    private boolean deleteTags(WriteBatch batch, RepositoryName repository, Set<Digest> digests)
            throws RocksDBException {
        boolean any = false;
        byte[] prefix = Keys.tagPrefix(repository);
        try (RocksIterator tags = db.iterator(Db.Family.TAGS)) {
            for (tags.seek(prefix); tags.isValid(); tags.next()) {
                byte[] tagKey = tags.key();
                if (!Keys.hasPrefix(tagKey, prefix)) {
                    break;
                }
                if (digests.contains(Values.tag(tags.value()))) {
                    batch.delete(db.family(Db.Family.TAGS), tagKey);
                    any = true;
                }
            }
            tags.status();
        }
        return any;
    }
}
