package io.huruhuru.storage.rocksdb;

import io.huruhuru.oci.Digest;
import io.huruhuru.oci.RepositoryName;
import io.huruhuru.oci.Tag;
import io.huruhuru.storage.attachment.AttachmentRole;
import io.huruhuru.storage.attachment.ManifestAttachment;
import io.huruhuru.storage.manifest.ManifestStore;
import io.huruhuru.storage.manifest.StoredManifest;
import io.huruhuru.storage.referrer.Referrer;
import java.time.Instant;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.rocksdb.RocksDBException;
import org.rocksdb.RocksIterator;
import org.rocksdb.WriteBatch;

/**
 * Manifests with their tags, referrer entries and attachments. Writes that touch tags hold one lock, so that a delete
 * that scans the tags of a repository cannot miss a tag put at the same time, and tell the {@link TagIndex} before
 * they return.
 */
final class RocksManifestStore implements ManifestStore {

    private final Db db;
    private final RocksRepositoryStore repositories;
    private final Object tagLock;
    private final TagIndex tagIndex;

    RocksManifestStore(Db db, RocksRepositoryStore repositories, Object tagLock, TagIndex tagIndex) {
        this.db = db;
        this.repositories = repositories;
        this.tagLock = tagLock;
        this.tagIndex = tagIndex;
    }

    @Override
    public Optional<StoredManifest> get(RepositoryName repository, Digest digest) {
        return Optional.ofNullable(db.get(Db.Family.MANIFESTS, Keys.manifest(repository, digest)))
                .map(Values::manifest);
    }

    @Override
    public void put(RepositoryName repository, StoredManifest manifest, Optional<Tag> tag,
            List<ManifestAttachment> attachments) {
        requireDistinctRoles(attachments);
        byte[] key = Keys.manifest(repository, manifest.digest());
        Instant now = Values.now();
        synchronized (tagLock) {
            try (WriteBatch batch = new WriteBatch()) {
                db.call(() -> {
                    if (db.get(Db.Family.MANIFESTS, key) == null) {
                        batch.put(db.family(Db.Family.MANIFESTS), key, Values.manifest(manifest));
                    }
                    if (tag.isPresent()) {
                        batch.put(db.family(Db.Family.TAGS), Keys.tag(repository, tag.get()),
                                Values.tag(manifest.digest()));
                    }
                    if (manifest.subject().isPresent()) {
                        Referrer referrer = referrerOf(manifest, manifest.subject().get());
                        batch.put(db.family(Db.Family.REFERRERS),
                                Keys.referrer(repository, referrer.subject(), referrer.digest()),
                                Values.referrer(referrer));
                    }
                    for (ManifestAttachment attachment : attachments) {
                        batch.put(db.family(Db.Family.ATTACHMENTS),
                                Keys.attachment(repository, attachment.role(), manifest.digest()),
                                attachment.content());
                    }
                    repositories.createIfAbsent(batch, repository, now);
                    return null;
                });
                try {
                    db.write(batch, true);
                } finally {
                    // even when the write fails: a write whose sync failed may still be visible
                    if (tag.isPresent()) {
                        tagIndex.changed(repository);
                    }
                }
            }
        }
    }

    /** The referrer entry of {@code manifest}, described as a referrers response lists it. */
    private static Referrer referrerOf(StoredManifest manifest, Digest subject) {
        return new Referrer(subject, manifest.digest(), manifest.mediaType(), manifest.content().length,
                manifest.artifactType(), manifest.annotations());
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
    public boolean delete(RepositoryName repository, Digest digest) {
        byte[] key = Keys.manifest(repository, digest);
        synchronized (tagLock) {
            Optional<StoredManifest> manifest = get(repository, digest);
            if (manifest.isEmpty()) {
                return false;
            }
            try (WriteBatch batch = new WriteBatch()) {
                boolean untagged = db.call(() -> {
                    batch.delete(db.family(Db.Family.MANIFESTS), key);
                    if (manifest.get().subject().isPresent()) {
                        batch.delete(db.family(Db.Family.REFERRERS),
                                Keys.referrer(repository, manifest.get().subject().get(), digest));
                    }
                    deleteAttachments(batch, repository, digest);
                    return deleteTags(batch, repository, digest);
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

    /** Adds the deletion of the attachment of every role the repository holds; one seek per role. */
    private void deleteAttachments(WriteBatch batch, RepositoryName repository, Digest digest)
            throws RocksDBException {
        byte[] prefix = Keys.attachmentsOf(repository);
        try (RocksIterator attachments = db.iterator(Db.Family.ATTACHMENTS)) {
            attachments.seek(prefix);
            while (attachments.isValid() && Keys.hasPrefix(attachments.key(), prefix)) {
                AttachmentRole role = Keys.attachmentRoleOf(attachments.key(), prefix.length);
                batch.delete(db.family(Db.Family.ATTACHMENTS), Keys.attachment(repository, role, digest));
                attachments.seek(Keys.attachmentRoleAfter(repository, role));
            }
            attachments.status();
        }
    }

    /** Adds the deletion of every tag of the repository that points at {@code digest}; whether there was one. */
    private boolean deleteTags(WriteBatch batch, RepositoryName repository, Digest digest) throws RocksDBException {
        boolean any = false;
        byte[] prefix = Keys.tagPrefix(repository);
        try (RocksIterator tags = db.iterator(Db.Family.TAGS)) {
            for (tags.seek(prefix); tags.isValid(); tags.next()) {
                byte[] tagKey = tags.key();
                if (!Keys.hasPrefix(tagKey, prefix)) {
                    break;
                }
                if (Values.tag(tags.value()).equals(digest)) {
                    batch.delete(db.family(Db.Family.TAGS), tagKey);
                    any = true;
                }
            }
            tags.status();
        }
        return any;
    }
}
