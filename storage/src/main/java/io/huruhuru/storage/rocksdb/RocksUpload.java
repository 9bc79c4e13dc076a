package io.huruhuru.storage.rocksdb;

import io.huruhuru.storage.StorageException;
import io.huruhuru.storage.blob.BlobInfo;
import io.huruhuru.oci.Digest;
import io.huruhuru.oci.DigestAlgorithm;
import io.huruhuru.oci.RepositoryName;
import io.huruhuru.storage.upload.DigestMismatchException;
import io.huruhuru.storage.upload.Upload;
import java.nio.ByteBuffer;
import java.security.MessageDigest;
import java.time.Instant;
import java.util.HexFormat;

/**
 * One upload session: hashes appended bytes in the same pass as it hands them to its {@link ContentWriter}, and
 * leaves storing them, and the durable size in the upload record, to it.
 */
final class RocksUpload implements Upload {

    private final RocksUploadStore store;
    private final String id;
    private final RepositoryName repository;
    private final Values.Upload record;
    private final MessageDigest digest;
    private final ContentWriter writer;
    private boolean ended;

    RocksUpload(RocksUploadStore store, String id, Values.Upload record, MessageDigest digest, ContentWriter writer) {
        this.store = store;
        this.id = id;
        this.repository = record.repository();
        this.record = record;
        this.digest = digest;
        this.writer = writer;
    }

    @Override
    public String id() {
        return id;
    }

    @Override
    public RepositoryName repository() {
        return repository;
    }

    @Override
    public Instant started() {
        return record.started();
    }

    @Override
    public long size() {
        return writer.size();
    }

    @Override
    public void append(ByteBuffer bytes) {
        checkOpen();
        guarded(() -> {
            while (bytes.hasRemaining()) {
                // One value at a time: the bytes just hashed are still in the CPU cache when they are copied.
                int step = Math.min(bytes.remaining(), Buffers.VALUE_SIZE);
                ByteBuffer part = bytes.slice(bytes.position(), step);
                digest.update(part.duplicate());
                writer.append(part);
                bytes.position(bytes.position() + step);
            }
        });
    }

    @Override
    public void receiveChunk() {
        checkOpen();
        guarded(() -> writer.journal(true));
    }

    @Override
    public void receiveFinal() {
        checkOpen();
        guarded(() -> writer.journal(false));
    }

    @Override
    public void flush() {
        checkOpen();
        guarded(writer::flush);
    }

    /** Appends the bytes that the journal holds past the stored ones and makes them durable. */
    void recoverJournal(UploadJournal journal, Buffers buffers) {
        ByteBuffer buffer = buffers.take();
        try {
            guarded(() -> {
                journal.replay(writer.size(), buffer, this::append);
                writer.sync();
                journal.deleteAll();
            });
        } finally {
            buffers.give(buffer);
        }
    }

    @Override
    public BlobInfo commit(Digest expected) {
        checkOpen();
        DigestAlgorithm requested = expected.algorithm();
        guarded(writer::sync);
        Values.Upload stored = record.withSize(writer.size());
        Digest actual = requested == record.algorithm()
                ? new Digest(requested, HexFormat.of().formatHex(digest.digest()))
                : store.hashStored(stored, requested);
        if (!actual.equals(expected)) {
            cancel();
            throw new DigestMismatchException(expected, actual);
        }
        BlobInfo blob = guardedCall(() -> store.commit(id, stored, actual));
        end();
        return blob;
    }

    @Override
    public void cancel() {
        if (ended) {
            return;
        }
        writer.discard();
        store.delete(id, record);
        end();
    }

    private void checkOpen() {
        if (ended) {
            throw new IllegalStateException("upload " + id + " has ended");
        }
    }

    private void end() {
        ended = true;
    }

    /**
     * Runs a step that may fail half-way; after a failure this handle's state no longer matches what is stored, so it
     * is given up and {@link RocksUploadStore#load} rebuilds the upload from the store.
     */
    private void guarded(Runnable step) {
        guardedCall(() -> {
            step.run();
            return null;
        });
    }

    private <T> T guardedCall(java.util.function.Supplier<T> step) {
        try {
            return step.get();
        } catch (StorageException | IllegalStateException e) {
            writer.discard();
            ended = true;
            throw e;
        }
    }
}
