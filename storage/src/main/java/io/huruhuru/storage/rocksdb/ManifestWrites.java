package io.huruhuru.storage.rocksdb;

import io.huruhuru.oci.Digest;
import io.huruhuru.oci.RepositoryName;
import io.huruhuru.oci.Tag;
import io.huruhuru.storage.manifest.Companion;
import io.huruhuru.storage.manifest.SmallBlob;
import io.huruhuru.storage.manifest.StoredManifest;
import io.huruhuru.storage.referrer.Referrer;
import java.time.Instant;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import org.rocksdb.RocksDBException;
import org.rocksdb.WriteBatch;

/**
 * Adds a manifest and its companions to one write batch: each manifest record unless it is stored already, with its
 * referrer entry; each companion's blobs laid out as a committed upload's (content values under a fresh content id,
 * then the blob record) unless recorded already, with their links; each companion's tag where the repository has
 * none. The caller holds the tag lock, and the blob lock when a companion has blobs (a companion's blob links add to
 * the repository's usage).
 */
final class ManifestWrites {

    private final Db db;
    private final RocksRepositoryStore repositories;

    ManifestWrites(Db db, RocksRepositoryStore repositories) {
        this.db = db;
        this.repositories = repositories;
    }

    /**
     * Refuses, before anything is written, a companion blob that its manifest does not reference, and a reference
     * that would dangle once written.
     */
    void check(RepositoryName repository, StoredManifest manifest, List<Companion> companions) {
        for (Companion companion : companions) {
            Digest digest = companion.manifest().digest();
            Set<Digest> references = new HashSet<>(companion.manifest().references());
            Set<Digest> given = new HashSet<>();
            for (SmallBlob blob : companion.blobs()) {
                if (!references.contains(blob.digest())) {
                    throw new IllegalArgumentException("the companion " + digest + " does not reference its blob "
                            + blob.digest());
                }
                given.add(blob.digest());
            }
            for (Digest reference : references) {
                if (!given.contains(reference) && !reference.equals(manifest.digest())
                        && !holds(repository, reference)) {
                    throw new IllegalArgumentException("the companion " + digest + " references " + reference
                            + ", which " + repository + " does not hold");
                }
            }
        }
    }

    /** Whether {@code digest} is a blob linked into, or a manifest of, {@code repository}. */
    private boolean holds(RepositoryName repository, Digest digest) {
        return db.get(Db.Family.REPO_BLOBS, Keys.repoBlob(repository, digest)) != null
                || db.get(Db.Family.MANIFESTS, Keys.manifest(repository, digest)) != null;
    }

    /**
     * Adds the manifest record unless it is stored, with the time it was pushed, and its referrer entry if it has a
     * subject.
     */
    void addManifest(WriteBatch batch, RepositoryName repository, StoredManifest manifest, Instant now)
            throws RocksDBException {
        byte[] key = Keys.manifest(repository, manifest.digest());
        if (db.get(Db.Family.MANIFESTS, key) == null) {
            batch.put(db.family(Db.Family.MANIFESTS), key, Values.manifest(manifest));
            batch.put(db.family(Db.Family.MANIFEST_PUSHED), Keys.manifestTime(repository, manifest.digest()),
                    Values.created(now));
        }
        if (manifest.subject().isPresent()) {
            Referrer referrer = referrerOf(manifest, manifest.subject().get());
            batch.put(db.family(Db.Family.REFERRERS), Keys.referrer(repository, referrer.subject(), referrer.digest()),
                    Values.referrer(referrer));
        }
    }

    /**
     * Adds every companion, checked by {@link #check}; whether a tag was pointed at one. A companion's tag is set only
     * where the repository has no such tag and this write sets none ({@code manifestTag}, an earlier companion's).
     */
    boolean addCompanions(WriteBatch batch, RepositoryName repository, Optional<Tag> manifestTag,
            List<Companion> companions, Instant now) throws RocksDBException {
        boolean tagged = false;
        Set<Tag> taken = new HashSet<>();
        manifestTag.ifPresent(taken::add);
        Set<Digest> blobs = new HashSet<>();
        long added = 0;
        for (Companion companion : companions) {
            for (SmallBlob blob : companion.blobs()) {
                if (blobs.add(blob.digest())) {
                    added += addBlob(batch, repository, blob, now);
                }
            }
            addManifest(batch, repository, companion.manifest(), now);
            if (companion.tag().isPresent() && taken.add(companion.tag().get())) {
                byte[] tagKey = Keys.tag(repository, companion.tag().get());
                if (db.get(Db.Family.TAGS, tagKey) == null) {
                    batch.put(db.family(Db.Family.TAGS), tagKey, Values.tag(companion.manifest().digest()));
                    tagged = true;
                }
            }
        }
        // Companions are the registry's own (signatures): they count towards usage but are never refused by a quota.
        repositories.addUsage(batch, repository, added);
        return tagged;
    }

    /**
     * Adds the blob's content and record unless it is recorded, and its link unless it is linked; returns the bytes
     * the link adds to the repository's usage.
     */
    private long addBlob(WriteBatch batch, RepositoryName repository, SmallBlob blob, Instant now)
            throws RocksDBException {
        byte[] key = Keys.blob(blob.digest());
        byte[] existing = db.get(Db.Family.BLOBS, key);
        if (existing == null) {
            byte[] contentId = Keys.contentId(UUID.randomUUID());
            byte[] content = blob.content();
            for (int offset = 0; offset < content.length; offset += Buffers.VALUE_SIZE) {
                batch.put(db.family(Db.Family.CONTENT), Keys.content(contentId, offset),
                        Arrays.copyOfRange(content, offset, Math.min(content.length, offset + Buffers.VALUE_SIZE)));
            }
            batch.put(db.family(Db.Family.BLOBS), key,
                    Values.blob(new Values.Blob(contentId, content.length, now)));
        }
        byte[] link = Keys.repoBlob(repository, blob.digest());
        if (db.get(Db.Family.REPO_BLOBS, link) == null) {
            batch.put(db.family(Db.Family.REPO_BLOBS), link, Values.created(now));
            return existing == null ? blob.content().length : Values.blob(existing).size();
        }
        return 0;
    }

    /** The referrer entry of {@code manifest}, described as a referrers response lists it. */
    private static Referrer referrerOf(StoredManifest manifest, Digest subject) {
        return new Referrer(subject, manifest.digest(), manifest.mediaType(), manifest.content().length,
                manifest.artifactType(), manifest.annotations());
    }
}
