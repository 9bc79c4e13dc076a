package io.huruhuru.storage.rocksdb;

import io.huruhuru.oci.Digest;
import io.huruhuru.oci.RepositoryName;
import io.huruhuru.storage.preview.ListedPreview;
import io.huruhuru.storage.preview.PreviewId;
import io.huruhuru.storage.preview.PreviewStore;
import io.huruhuru.storage.preview.PreviewSubject;
import io.huruhuru.storage.preview.StoredPreview;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.rocksdb.RocksDBException;
import org.rocksdb.RocksIterator;
import org.rocksdb.WriteBatch;

/**
 * The {@code previews} and {@code preview_index} families. Puts take the tag lock, which manifest deletes hold, so a
 * report is never kept for a manifest that a delete has just removed.
 */
final class RocksPreviewStore implements PreviewStore {

    private final Db db;
    private final Object tagLock;

    RocksPreviewStore(Db db, Object tagLock) {
        this.db = db;
        this.tagLock = tagLock;
    }

    @Override
    public boolean put(StoredPreview preview) {
        synchronized (tagLock) {
            try (WriteBatch batch = new WriteBatch()) {
                boolean subjectsStored = db.call(() -> {
                    for (PreviewSubject subject : preview.subjects()) {
                        if (db.get(Db.Family.MANIFESTS, Keys.manifest(subject.repository(), subject.manifest()))
                                == null) {
                            return false;
                        }
                    }
                    // a replaced report may have had other subjects: their index entries go
                    byte[] earlier = db.get(Db.Family.PREVIEWS, Keys.preview(preview.id()));
                    if (earlier != null) {
                        deleteIndex(db, batch, Values.preview(earlier));
                    }
                    byte[] listing = Values.previewListing(preview);
                    for (PreviewSubject subject : preview.subjects()) {
                        batch.put(db.family(Db.Family.PREVIEW_INDEX),
                                Keys.previewIndex(subject.repository(), subject.manifest(), preview.id()), listing);
                    }
                    batch.put(db.family(Db.Family.PREVIEWS), Keys.preview(preview.id()), Values.preview(preview));
                    return true;
                });
                if (subjectsStored) {
                    db.write(batch, true);
                }
                return subjectsStored;
            }
        }
    }

    @Override
    public Optional<StoredPreview> get(PreviewId id) {
        return Optional.ofNullable(db.get(Db.Family.PREVIEWS, Keys.preview(id))).map(Values::preview);
    }

    @Override
    public List<ListedPreview> list(RepositoryName repository, Optional<Digest> manifest, int limit) {
        byte[] repositoryPrefix = Keys.previewIndexPrefix(repository);
        byte[] prefix = manifest.map(d -> Keys.previewIndexPrefix(repository, d)).orElse(repositoryPrefix);
        return db.call(() -> {
            List<ListedPreview> listed = new ArrayList<>();
            try (RocksIterator index = db.iterator(Db.Family.PREVIEW_INDEX)) {
                for (index.seek(prefix); index.isValid() && Keys.hasPrefix(index.key(), prefix)
                        && listed.size() < limit; index.next()) {
                    byte[] key = index.key();
                    listed.add(Values.previewListing(Keys.previewIndexIdOf(key),
                            Keys.previewIndexManifestOf(key, repositoryPrefix.length), index.value()));
                }
                index.status();
            }
            return listed;
        });
    }

    /**
     * Adds to {@code batch} the deletion of every report of the manifest {@code digest} of {@code repository}, with all
     * their index entries; for {@code ManifestStore.delete}, under the tag lock.
     */
    static void deleteReportsOf(Db db, WriteBatch batch, RepositoryName repository, Digest digest)
            throws RocksDBException {
        byte[] prefix = Keys.previewIndexPrefix(repository, digest);
        List<PreviewId> ids = new ArrayList<>();
        try (RocksIterator index = db.iterator(Db.Family.PREVIEW_INDEX)) {
            for (index.seek(prefix); index.isValid() && Keys.hasPrefix(index.key(), prefix); index.next()) {
                ids.add(Keys.previewIndexIdOf(index.key()));
                batch.delete(db.family(Db.Family.PREVIEW_INDEX), index.key());
            }
            index.status();
        }
        for (PreviewId id : ids) {
            byte[] kept = db.get(Db.Family.PREVIEWS, Keys.preview(id));
            if (kept != null) {
                deleteIndex(db, batch, Values.preview(kept));
                batch.delete(db.family(Db.Family.PREVIEWS), Keys.preview(id));
            }
        }
    }

    private static void deleteIndex(Db db, WriteBatch batch, StoredPreview preview) throws RocksDBException {
        for (PreviewSubject subject : preview.subjects()) {
            batch.delete(db.family(Db.Family.PREVIEW_INDEX),
                    Keys.previewIndex(subject.repository(), subject.manifest(), preview.id()));
        }
    }
}
