package io.huruhuru.storage.rocksdb;

import io.huruhuru.oci.Digest;
import io.huruhuru.oci.RepositoryName;
import io.huruhuru.storage.blob.BlobContent;
import io.huruhuru.storage.blob.BlobInfo;
import io.huruhuru.storage.blob.BlobStore;
import io.huruhuru.storage.blob.BlobUnknownException;
import java.time.Instant;
import java.util.Optional;
import org.rocksdb.WriteBatch;

/** Blob records, their links into repositories, and reads of their content. */
final class RocksBlobStore implements BlobStore {

    private final Db db;
    private final Buffers buffers;
    private final RocksRepositoryStore repositories;

    RocksBlobStore(Db db, Buffers buffers, RocksRepositoryStore repositories) {
        this.db = db;
        this.buffers = buffers;
        this.repositories = repositories;
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
        if (record(digest).isEmpty()) {
            throw new BlobUnknownException(digest);
        }
        Instant now = Values.now();
        try (WriteBatch batch = new WriteBatch()) {
            db.call(() -> {
                batch.put(db.family(Db.Family.REPO_BLOBS), Keys.repoBlob(repository, digest), Values.created(now));
                repositories.createIfAbsent(batch, repository, now);
                return null;
            });
            db.write(batch, true);
        }
    }

    @Override
    public boolean unlink(RepositoryName repository, Digest digest) {
        byte[] key = Keys.repoBlob(repository, digest);
        synchronized (this) {
            if (db.get(Db.Family.REPO_BLOBS, key) == null) {
                return false;
            }
            try (WriteBatch batch = new WriteBatch()) {
                db.call(() -> {
                    batch.delete(db.family(Db.Family.REPO_BLOBS), key);
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
