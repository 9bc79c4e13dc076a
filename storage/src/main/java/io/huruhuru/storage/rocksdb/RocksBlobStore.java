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
    public Optional<BlobInfo> stat(String digest) {
        return record(digest).map(blob -> new BlobInfo(Digest.parse(digest), blob.size(), blob.created()));
    }

    @Override
    public Optional<BlobInfo> stat(String repository, String digest) {
        Optional<byte[]> key = repoBlobKey(repository, digest);
        if (key.isEmpty() || db.get(Db.Family.REPO_BLOBS, key.get()) == null) {
            return Optional.empty();
        }
        return stat(digest);
    }

    @Override
    public BlobContent open(String digest, long offset, long length) {
        Values.Blob blob = record(digest).orElseThrow(() -> new BlobUnknownException(digest));
        if (offset < 0 || length < 0 || offset + length > blob.size()) {
            throw new IllegalArgumentException("range " + offset + "+" + length + " is outside the blob's "
                    + blob.size() + " bytes");
        }
        return new ContentReader(db, buffers, blob.contentId(), offset, length);
    }

    @Override
    public void link(String repository, String digest) {
        if (record(digest).isEmpty()) {
            throw new BlobUnknownException(digest);
        }
        Instant now = Values.now();
        try (WriteBatch batch = new WriteBatch()) {
            db.call(() -> {
                RepositoryName name = RepositoryName.parse(repository);
                batch.put(db.family(Db.Family.REPO_BLOBS), Keys.repoBlob(name, Digest.parse(digest)),
                        Values.created(now));
                repositories.createIfAbsent(batch, name, now);
                return null;
            });
            db.write(batch, true);
        }
    }

    @Override
    public boolean unlink(String repository, String digest) {
        Optional<byte[]> found = repoBlobKey(repository, digest);
        if (found.isEmpty()) {
            return false;
        }
        byte[] key = found.get();
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

    private Optional<Values.Blob> record(String digest) {
        Digest parsed;
        try {
            parsed = Digest.parse(digest);
        } catch (IllegalArgumentException e) {
            return Optional.empty(); // no blob has a malformed digest
        }
        return Optional.ofNullable(db.get(Db.Family.BLOBS, Keys.blob(parsed))).map(Values::blob);
    }

    /** The key of the link of {@code digest} into {@code repository}; empty when either is malformed. */
    private static Optional<byte[]> repoBlobKey(String repository, String digest) {
        try {
            return Optional.of(Keys.repoBlob(RepositoryName.parse(repository), Digest.parse(digest)));
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
    }
}
