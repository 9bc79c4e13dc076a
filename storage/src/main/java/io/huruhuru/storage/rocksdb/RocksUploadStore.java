package io.huruhuru.storage.rocksdb;

import io.huruhuru.oci.Digest;
import io.huruhuru.oci.DigestAlgorithm;
import io.huruhuru.oci.RepositoryName;
import io.huruhuru.storage.blob.BlobInfo;
import io.huruhuru.storage.upload.Upload;
import io.huruhuru.storage.upload.UploadStore;
import java.nio.ByteBuffer;
import java.security.MessageDigest;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.HexFormat;
import java.util.UUID;
import org.rocksdb.RocksIterator;
import org.rocksdb.WriteBatch;

/**
 * Uploads on RocksDB: a record per upload with its content and, for chunks, a journal. Handles are made here and kept
 * by {@link io.huruhuru.storage.upload.Uploads}; loading one from the store rebuilds its digest state.
 */
final class RocksUploadStore implements UploadStore {

    private final Db db;
    private final Buffers buffers;
    private final RocksRepositoryStore repositories;
    private final long fileLimit;
    private final UploadStages stages;
    /**
     * Serialises the check-then-write of blob records, shared with the companions of manifests, so that two writers of
     * one blob cannot both record it (the content of the one overwritten would never be read or deleted).
     */
    private final Object blobLock;
    private final CollectionGuard guard;

    RocksUploadStore(Db db, Buffers buffers, UploadStages stages, RocksRepositoryStore repositories, long fileLimit,
            Object blobLock, CollectionGuard guard) {
        this.db = db;
        this.guard = guard;
        this.blobLock = blobLock;
        this.stages = stages;
        this.buffers = buffers;
        this.repositories = repositories;
        this.fileLimit = fileLimit;
        UploadJournal.dropOrphans(db.journalDirectory(), id -> db.get(Db.Family.UPLOADS, Keys.upload(id)) != null);
    }

    @Override
    public Upload start(RepositoryName repository, DigestAlgorithm algorithm) {
        UUID uuid = UUID.randomUUID();
        String id = uuid.toString();
        byte[] contentId = Keys.contentId(uuid);
        Values.Upload record = new Values.Upload(repository, contentId, 0, Values.now(), algorithm);
        try (WriteBatch batch = new WriteBatch()) {
            db.call(() -> {
                batch.put(db.family(Db.Family.UPLOADS), Keys.upload(id), Values.upload(record));
                return null;
            });
            db.write(batch, true);
        }
        return handle(id, record, algorithm.newMessageDigest(), journal(id));
    }

    @Override
    public Optional<Upload> load(String uploadId) {
        synchronized (this) {
            byte[] value = db.get(Db.Family.UPLOADS, Keys.upload(uploadId));
            if (value == null) {
                return Optional.empty();
            }
            Values.Upload record = Values.upload(value);
            // A crash between an ingest and the record update leaves content past the recorded size; drop it, so
            // that appending resumes on a clean end.
            db.call(() -> {
                try (WriteBatch batch = new WriteBatch()) {
                    batch.deleteRange(db.family(Db.Family.CONTENT),
                            Keys.content(record.contentId(), record.size()), Keys.contentEnd(record.contentId()));
                    db.write(batch, true);
                }
                return null;
            });
            MessageDigest digest = record.algorithm().newMessageDigest();
            hash(record, digest);
            UploadJournal journal = journal(uploadId);
            RocksUpload upload = handle(uploadId, record, digest, journal);
            upload.recoverJournal(journal, buffers);
            return Optional.of(upload);
        }
    }

    @Override
    public List<String> startedBefore(Instant cutoff) {
        return db.call(() -> {
            List<String> ids = new ArrayList<>();
            try (RocksIterator iterator = db.iterator(Db.Family.UPLOADS)) {
                for (iterator.seekToFirst(); iterator.isValid(); iterator.next()) {
                    if (Values.upload(iterator.value()).started().isBefore(cutoff)) {
                        ids.add(Keys.uploadIdOf(iterator.key()));
                    }
                }
                iterator.status();
            }
            return ids;
        });
    }

    @Override
    public synchronized boolean delete(String uploadId) {
        byte[] value = db.get(Db.Family.UPLOADS, Keys.upload(uploadId));
        if (value == null) {
            return false;
        }
        delete(uploadId, Values.upload(value));
        return true;
    }

    private RocksUpload handle(String id, Values.Upload record, MessageDigest digest, UploadJournal journal) {
        byte[] key = Keys.upload(id);
        ContentWriter writer = new ContentWriter(db, buffers, stages, record.contentId(), record.size(), fileLimit,
                (batch, size) -> batch.put(db.family(Db.Family.UPLOADS), key, Values.upload(record.withSize(size))),
                journal);
        return new RocksUpload(this, id, record, digest, writer);
    }

    private UploadJournal journal(String uploadId) {
        return new UploadJournal(db.journalDirectory(), uploadId, fileLimit);
    }

    /** The digest of the upload's stored bytes with {@code algorithm}. */
    Digest hashStored(Values.Upload record, DigestAlgorithm algorithm) {
        MessageDigest digest = algorithm.newMessageDigest();
        hash(record, digest);
        return new Digest(algorithm, HexFormat.of().formatHex(digest.digest()));
    }

    private void hash(Values.Upload record, MessageDigest digest) {
        ByteBuffer buffer = buffers.take();
        try (ContentReader reader = new ContentReader(db, buffers, record.contentId(), 0, record.size())) {
            while (reader.read(buffer.clear()) >= 0) {
                digest.update(buffer.flip());
            }
        } finally {
            buffers.give(buffer);
        }
    }

    /**
     * Records the blob (or drops the upload's bytes if it is stored already), links it and ends the upload; a link
     * past the repository's quota instead drops the upload and its bytes, as a cancel does, and throws.
     *
     * @throws io.huruhuru.storage.quota.QuotaExceededException if the link would exceed the repository's quota
     */
    BlobInfo commit(String id, Values.Upload record, Digest digest) {
        RepositoryName repository = record.repository();
        Instant now = Values.now();
        synchronized (blobLock) {
            return guard.writing(List.of(digest), () -> {
                byte[] existing = db.get(Db.Family.BLOBS, Keys.blob(digest));
                byte[] link = Keys.repoBlob(repository, digest);
                long size = existing == null ? record.size() : Values.blob(existing).size();
                long adding = db.get(Db.Family.REPO_BLOBS, link) == null ? size : 0;
                try {
                    repositories.checkQuota(repository, adding);
                } catch (io.huruhuru.storage.quota.QuotaExceededException refused) {
                    delete(id, record);
                    throw refused;
                }
                try (WriteBatch batch = new WriteBatch()) {
                    db.call(() -> {
                        if (existing == null) {
                            batch.put(db.family(Db.Family.BLOBS), Keys.blob(digest),
                                    Values.blob(new Values.Blob(record.contentId(), record.size(), now)));
                        } else {
                            batch.deleteRange(db.family(Db.Family.CONTENT),
                                    Keys.content(record.contentId(), 0), Keys.contentEnd(record.contentId()));
                        }
                        batch.put(db.family(Db.Family.REPO_BLOBS), link, Values.created(now));
                        repositories.addUsage(batch, repository, adding);
                        repositories.createIfAbsent(batch, repository, now);
                        batch.delete(db.family(Db.Family.UPLOADS), Keys.upload(id));
                        return null;
                    });
                    db.write(batch, true);
                }
                if (existing == null) {
                    return new BlobInfo(digest, record.size(), now);
                }
                Values.Blob stored = Values.blob(existing);
                return new BlobInfo(digest, stored.size(), stored.created());
            });
        }
    }

    /** Drops the upload record and all its stored and journaled bytes. */
    void delete(String id, Values.Upload record) {
        try (WriteBatch batch = new WriteBatch()) {
            db.call(() -> {
                batch.delete(db.family(Db.Family.UPLOADS), Keys.upload(id));
                batch.deleteRange(db.family(Db.Family.CONTENT),
                        Keys.content(record.contentId(), 0), Keys.contentEnd(record.contentId()));
                return null;
            });
            db.write(batch, true);
        }
        // A segment left by a failure here has no record any more and goes when the store opens next.
        journal(id).deleteAll();
    }
}
