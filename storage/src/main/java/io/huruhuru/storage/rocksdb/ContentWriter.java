package io.huruhuru.storage.rocksdb;

import io.huruhuru.storage.StorageException;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.Semaphore;
import org.rocksdb.RocksDBException;
import org.rocksdb.SstFileWriter;
import org.rocksdb.WriteBatch;

/**
 * Appends an upload's bytes under its content id, at increasing offsets, in values of at most
 * {@link Buffers#VALUE_SIZE}, and moves the upload record's durable size along.
 *
 * <p>Three stages overlap, so that hashing (by the caller), writing and syncing use both cores and the disk at once:
 * the caller fills a direct buffer; each full value goes, in order, to a write stage that puts it into a table file
 * with {@link SstFileWriter} (an upload's keys are a sorted run, which is what that writer wants); a file that reaches
 * the file limit goes to an ingest stage that finishes (syncs) it and ingests it while the next file fills. At most
 * {@link #VALUES_IN_FLIGHT} values and one file per upload are in flight, which bounds memory.
 *
 * <p>Two calls make appended bytes last. {@link #sync()} waits for both stages and ingests the rest on the caller's
 * thread; with less than one value pending and nothing else unsynced it writes that value and the record in one write
 * batch instead, which is cheaper for small bodies. While {@linkplain #journal journaling}, the caller also writes
 * each value to the upload's {@link UploadJournal} before handing it on, and {@link #flush()} only writes the pending
 * part of a value there: the bytes then survive a crash of the process without waiting for the stages or the disk.
 *
 * <p>Ingesting is atomic and the record is written only after its ingest succeeded, so the stored content is always a
 * prefix of what was appended and at least as long as the record says; a crash between the two leaves content past
 * the recorded size, which {@link RocksUploadStore#load} drops. Journal segments are released only once the record
 * has moved past them, so every journaled byte is in the record's size or in the journal.
 */
final class ContentWriter {

    /** The bytes written to one table file before it is ingested. */
    static final long FILE_LIMIT = 64L << 20;
    /** Full values handed to the write stage and not yet written; the caller waits when there are more. */
    static final int VALUES_IN_FLIGHT = 4;

    /** Adds the upload record with a new durable size to a batch. */
    interface RecordUpdate {
        void put(WriteBatch batch, long durableSize) throws RocksDBException;
    }

    private final Db db;
    private final Buffers buffers;
    private final Executor writeStage;
    private final Executor ingestStage;
    private final byte[] contentId;
    private final long fileLimit;
    private final RecordUpdate recordUpdate;
    private final UploadJournal journal;

    // The caller's state.
    private final ByteBuffer callerKey = ByteBuffer.allocateDirect(Keys.CONTENT_KEY_LENGTH);
    private final Semaphore valuesInFlight = new Semaphore(VALUES_IN_FLIGHT);
    private long appended;
    private ByteBuffer value;
    private CompletableFuture<Void> writes = CompletableFuture.completedFuture(null);
    private boolean journaling;
    /** While journaling: every appended byte before this offset is in the journal. */
    private long journaled;

    // The stages' state: touched by one stage task at a time, or by the caller once it has joined the stages.
    private final ByteBuffer stageKey = ByteBuffer.allocateDirect(Keys.CONTENT_KEY_LENGTH);
    private SstFileWriter file;
    private Path filePath;
    private long fileStart;
    private long fileBytes;
    private CompletableFuture<Void> ingest = CompletableFuture.completedFuture(null);
    private boolean recordSynced = true;
    private volatile long durable;
    private volatile RuntimeException failure;

    ContentWriter(Db db, Buffers buffers, UploadStages stages, byte[] contentId, long durable, long fileLimit,
            RecordUpdate recordUpdate, UploadJournal journal) {
        this.db = db;
        this.buffers = buffers;
        this.writeStage = stages.write();
        this.ingestStage = stages.ingest();
        this.contentId = contentId;
        this.appended = durable;
        this.durable = durable;
        this.fileLimit = fileLimit;
        this.recordUpdate = recordUpdate;
        this.journal = journal;
    }

    /** Every byte appended, durable or not. */
    long size() {
        return appended;
    }

    /** Takes the remaining bytes of {@code bytes}. */
    void append(ByteBuffer bytes) {
        checkFailure();
        while (bytes.hasRemaining()) {
            if (value == null) {
                value = buffers.take();
            }
            int count = Math.min(bytes.remaining(), value.remaining());
            value.put(value.position(), bytes, bytes.position(), count);
            value.position(value.position() + count);
            bytes.position(bytes.position() + count);
            appended += count;
            if (!value.hasRemaining()) {
                handToWriteStage();
            }
        }
    }

    /**
     * Whether the bytes appended from now on go to the journal too. Turning it on first syncs bytes appended without
     * it, so that the journal continues the record's size with no gap.
     */
    void journal(boolean on) {
        if (on && !journaling) {
            if (appended > durable) {
                sync();
            }
            journaled = appended;
        }
        journaling = on;
    }

    /**
     * Makes every appended byte survive a crash of the process before returning: while journaling, by writing the
     * pending part of the current value to the journal; otherwise by {@link #sync()}.
     */
    void flush() {
        if (!journaling) {
            sync();
            return;
        }
        checkFailure();
        journalPending();
    }

    /** Writes the bytes of the current value that are not in the journal yet to it. */
    private void journalPending() {
        if (value == null || journaled == appended) {
            return;
        }
        int from = value.position() - (int) (appended - journaled);
        journal.append(value.slice(from, value.position() - from), journaled);
        journaled = appended;
    }

    /** Makes every appended byte durable and records the size, synced, before returning. */
    void sync() {
        joinStages();
        checkFailure();
        long end = appended;
        int pending = value == null ? 0 : value.position();
        if (end == durable) {
            if (!recordSynced) {
                writeRecord(end, true);
            }
        } else if (file == null && end - pending == durable) {
            value.flip();
            try (WriteBatch batch = new WriteBatch()) {
                db.call(() -> {
                    batch.put(db.family(Db.Family.CONTENT), Keys.content(contentId, durable, callerKey), value);
                    recordUpdate.put(batch, end);
                    return null;
                });
                db.write(batch, true);
            }
            durable = end;
            recordSynced = true;
        } else {
            if (pending > 0) {
                value.flip();
                writeValue(value, end - pending);
            }
            SstFileWriter finished = file;
            if (finished == null) {
                throw new IllegalStateException("bytes " + durable + " to " + end + " are in no file");
            }
            file = null;
            fileBytes = 0;
            ingestAndRecord(finished, filePath, end, true);
            checkFailure();
        }
        buffers.give(value);
        value = null;
        journal.endSegment();
        journal.release(durable);
        journaled = appended;
    }

    /**
     * Drops the pending bytes and any file not yet ingested. What was ingested or journaled stays: the caller deletes
     * it, or reopens the upload from it.
     */
    void discard() {
        joinStages();
        if (file != null) {
            file.close();
            file = null;
            deleteQuietly(filePath);
        }
        buffers.give(value);
        value = null;
        journal.endSegment();
    }

    private void handToWriteStage() {
        if (journaling) {
            journalPending();
        }
        ByteBuffer full = value.flip();
        long offset = appended - full.remaining();
        value = null;
        valuesInFlight.acquireUninterruptibly();
        writes = writes.thenRunAsync(() -> {
            try {
                if (failure == null) {
                    writeValue(full, offset);
                    if (fileBytes >= fileLimit) {
                        handToIngestStage();
                    }
                }
            } catch (RuntimeException e) {
                failure = e;
            } finally {
                buffers.give(full);
                valuesInFlight.release();
            }
        }, writeStage);
    }

    private void writeValue(ByteBuffer bytes, long offset) {
        int count = bytes.remaining();
        db.call(() -> {
            if (file == null) {
                filePath = db.ingestDirectory().resolve(UUID.randomUUID() + ".sst");
                file = db.newContentFileWriter(filePath);
                fileStart = offset;
            }
            file.put(Keys.content(contentId, offset, stageKey), bytes);
            return null;
        });
        fileBytes += count;
    }

    private void handToIngestStage() {
        SstFileWriter finished = file;
        Path path = filePath;
        long end = fileStart + fileBytes;
        file = null;
        fileBytes = 0;
        ingest.join();
        if (failure == null) {
            try {
                ingest = CompletableFuture.runAsync(() -> ingestAndRecord(finished, path, end, false), ingestStage);
                return;
            } catch (RejectedExecutionException e) {
                failure = new StorageException("the store is closing", e);
            }
        }
        finished.close();
        deleteQuietly(path);
    }

    private void ingestAndRecord(SstFileWriter finished, Path path, long end, boolean sync) {
        try {
            try {
                db.call(() -> {
                    finished.finish();
                    return null;
                });
                db.ingestContent(path);
            } catch (RuntimeException e) {
                deleteQuietly(path);
                throw e;
            } finally {
                finished.close();
            }
            writeRecord(end, sync);
            journal.release(end);
        } catch (RuntimeException e) {
            failure = e;
        }
    }

    private void writeRecord(long size, boolean sync) {
        try (WriteBatch batch = new WriteBatch()) {
            db.call(() -> {
                recordUpdate.put(batch, size);
                return null;
            });
            db.write(batch, sync);
        }
        durable = size;
        recordSynced = sync;
    }

    /** Waits until both stages are idle; their tasks do not throw (they set {@link #failure}). */
    private void joinStages() {
        try {
            writes.join();
            ingest.join();
        } catch (java.util.concurrent.CompletionException e) {
            // only when the executor refused a task, because the store is closing
            failure = new StorageException("the store is closing", e.getCause());
            writes = CompletableFuture.completedFuture(null);
            ingest = CompletableFuture.completedFuture(null);
        }
    }

    private void checkFailure() {
        RuntimeException e = failure;
        if (e != null) {
            throw e instanceof StorageException ? e : new StorageException("storing upload content failed", e);
        }
    }

    private static void deleteQuietly(Path path) {
        try {
            Files.deleteIfExists(path);
        } catch (IOException e) {
            // a leftover file is removed when the store opens next
        }
    }
}
