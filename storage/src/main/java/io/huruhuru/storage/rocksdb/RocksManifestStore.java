package io.huruhuru.storage.rocksdb;

import io.huruhuru.storage.manifest.ManifestStore;
import io.huruhuru.storage.manifest.StoredManifest;
import io.huruhuru.storage.referrer.Referrer;
import java.time.Instant;
import java.util.Optional;
import org.rocksdb.RocksIterator;
import org.rocksdb.WriteBatch;

/**
 * Manifests with their tags, referrer entries and validation reports. Writes that touch tags hold one lock, so that a delete that scans
 * the tags of a repository cannot miss a tag put at the same time, and tell the {@link TagIndex} before they return.
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
    public Optional<StoredManifest> get(String repository, String digest) {
        return Optional.ofNullable(db.get(Db.Family.MANIFESTS, Keys.manifest(repository, digest)))
                .map(Values::manifest);
    }

    @Override
    public void put(String repository, StoredManifest manifest, Optional<String> tag, Optional<Referrer> referrer,
            Optional<byte[]> validationReport) {
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
                    if (referrer.isPresent()) {
                        Referrer r = referrer.get();
                        batch.put(db.family(Db.Family.REFERRERS), Keys.referrer(repository, r.subject(), r.digest()),
                                Values.referrer(r));
                    }
                    if (validationReport.isPresent()) {
                        batch.put(db.family(Db.Family.VALIDATIONS), Keys.validation(repository, manifest.digest()),
                                validationReport.get());
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

    @Override
    public boolean holdsValidationReports(String repository) {
        byte[] prefix = Keys.validationPrefix(repository);
        return db.call(() -> {
            try (RocksIterator reports = db.iterator(Db.Family.VALIDATIONS)) {
                reports.seek(prefix);
                boolean found = reports.isValid() && Keys.hasPrefix(reports.key(), prefix);
                reports.status();
                return found;
            }
        });
    }

    @Override
    public Optional<byte[]> validationReport(String repository, String digest) {
        return Optional.ofNullable(db.get(Db.Family.VALIDATIONS, Keys.validation(repository, digest)));
    }

    @Override
    public boolean delete(String repository, String digest) {
        byte[] key = Keys.manifest(repository, digest);
        synchronized (tagLock) {
            Optional<StoredManifest> manifest = get(repository, digest);
            if (manifest.isEmpty()) {
                return false;
            }
            try (WriteBatch batch = new WriteBatch()) {
                boolean untagged = db.call(() -> {
                    boolean any = false;
                    batch.delete(db.family(Db.Family.MANIFESTS), key);
                    batch.delete(db.family(Db.Family.VALIDATIONS), Keys.validation(repository, digest));
                    if (manifest.get().subject().isPresent()) {
                        batch.delete(db.family(Db.Family.REFERRERS),
                                Keys.referrer(repository, manifest.get().subject().get(), digest));
                    }
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
}
