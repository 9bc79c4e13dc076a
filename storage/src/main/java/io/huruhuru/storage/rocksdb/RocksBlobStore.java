package io.huruhuru.storage.rocksdb;

import io.huruhuru.oci.Digest;
import io.huruhuru.oci.RepositoryName;
import io.huruhuru.storage.blob.BlobContent;
import io.huruhuru.storage.blob.BlobInfo;
import io.huruhuru.storage.blob.BlobStore;
import io.huruhuru.storage.blob.BlobUnknownException;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.rocksdb.WriteBatch;

/**
 * Blob records, their links into repositories, and reads of their content. Links and unlinks hold the blob lock, so
 * that a repository's usage counts each blob once and a quota is checked and used up atomically, and link under the
 * {@link CollectionGuard}, so that a collection never deletes a blob linked while it runs.
 */
final class RocksBlobStore implements BlobStore {

    private final Db db;
    private final Buffers buffers;
    private final RocksRepositoryStore repositories;
    private final Object blobLock;
    private final CollectionGuard guard;

    RocksBlobStore(Db db, Buffers buffers, RocksRepositoryStore repositories, Object blobLock, CollectionGuard guard) {
        this.db = db;
        this.buffers = buffers;
        this.repositories = repositories;
        this.blobLock = blobLock;
        this.guard = guard;
    }

    @Override
    public Optional<BlobInfo> stat(Digest digest) {
        return record(digest).map(blob -> new BlobInfo(digest, blob.size(), blob.created()));
    }

    @Override
    public Optional<BlobInfo> stat(RepositoryName repository, Digest digest) {
        if (db.get(Db.Family.REPO_BLOBS, Keys.repoBlob(repository, digest)) == null) {
            return Optional.empty();
        }
        return stat(digest);
    }

    @Override
    public BlobContent open(Digest digest, long offset, long length) {
        Values.Blob blob = record(digest).orElseThrow(() -> new BlobUnknownException(digest));
        if (offset < 0 || length < 0 || offset + length > blob.size()) {
            throw new IllegalArgumentException("range " + offset + "+" + length + " is outside the blob's "
                    + blob.size() + " bytes");
        }
        return new ContentReader(db, buffers, blob.contentId(), offset, length);
    }

    @Override
    public void link(RepositoryName repository, Digest digest) {
        synchronized (blobLock) {
            guard.writing(List.of(digest), () -> {
                Values.Blob blob = record(digest).orElseThrow(() -> new BlobUnknownException(digest));
                byte[] key = Keys.repoBlob(repository, digest);
                long adding = db.get(Db.Family.REPO_BLOBS, key) == null ? blob.size() : 0;
                repositories.checkQuota(repository, adding);
                Instant now = Values.now();
                try (WriteBatch batch = new WriteBatch()) {
                    db.call(() -> {
                        // a link that exists gets a new time too: its blob was seen referenced now
                        batch.put(db.family(Db.Family.REPO_BLOBS), key, Values.created(now));
                        repositories.addUsage(batch, repository, adding);
                        repositories.createIfAbsent(batch, repository, now);
                        return null;
                    });
                    db.write(batch, true);
                }
                return null;
            });
        }
    }

    @Override
    public boolean unlink(RepositoryName repository, Digest digest) {
        byte[] key = Keys.repoBlob(repository, digest);
        synchronized (blobLock) {
            if (db.get(Db.Family.REPO_BLOBS, key) == null) {
                return false;
            }
            long size = record(digest).map(Values.Blob::size).orElse(0L);
            try (WriteBatch batch = new WriteBatch()) {
                db.call(() -> {
                    batch.delete(db.family(Db.Family.REPO_BLOBS), key);
                    repositories.addUsage(batch, repository, -size);
                    // unreferenced from now on: the grace period counts from here
                    batch.merge(db.family(Db.Family.BLOB_SEEN), Keys.blobSeen(digest), Values.created(Values.now()));
                    return null;
                });
                db.write(batch, true);
            }
            return true;
        }
    }

    private Optional<Values.Blob> record(Digest digest) {
        return Optional.ofNullable(db.get(Db.Family.BLOBS, Keys.blob(digest))).map(Values::blob);
    }
}
