package io.huruhuru.storage.rocksdb;

import io.huruhuru.oci.Digest;
import io.huruhuru.oci.RepositoryName;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.huruhuru.storage.RegistryStore;
import io.huruhuru.storage.StorageException;
import io.huruhuru.storage.StoreContract;
import io.huruhuru.storage.blob.BlobInfo;
import io.huruhuru.oci.DigestAlgorithm;
import io.huruhuru.storage.upload.Upload;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.UUID;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/** Flushes of uploads that expect them: the bytes go to the upload journal, not through a sync and an ingest. */
class UploadJournalTest extends StoreContract {

    private static final long FILE_LIMIT = MIB;

    @Override
    protected RegistryStore openStore(Path directory) {
        return RocksRegistryStore.open(directory, FILE_LIMIT);
    }

    private RocksRegistryStore rocks() {
        return (RocksRegistryStore) store;
    }

    @Test
    void aJournaledFlushLeavesTheRecordAloneAndTheBytesSurviveARestart() {
        byte[] content = bytes(3 * MIB, 1);
        int flushed = 700 * 1024 + 5;
        Upload upload = rocks().uploadStore().start(RepositoryName.parse("r"), DigestAlgorithm.SHA256);
        upload.receiveChunk();
        appendInPieces(upload, content, 0, flushed, 10_000);
        upload.flush();

        // the flush synced and ingested nothing: the record still says 0 and the bytes are in the journal only
        assertEquals(0, recordedSize(upload.id()));
        assertEquals(0, rocks().contentValueCount());
        assertEquals(flushed, journalBytes());

        reopen();
        Upload resumed = rocks().uploadStore().load(upload.id()).orElseThrow();
        assertEquals(flushed, resumed.size());
        assertEquals(flushed, recordedSize(upload.id()));
        assertEquals(0, journalBytes());
        appendInPieces(resumed, content, flushed, content.length, 64 * 1024);
        BlobInfo blob = resumed.commit(Digest.parse(sha256(content)));
        assertArrayEquals(content, read(blob.digest(), 0, content.length, MIB, true));
    }

    @Test
    void segmentsGoOnceTheRecordHasMovedPastThem() {
        byte[] content = bytes(8 * MIB + 77, 2);
        Upload upload = rocks().uploadStore().start(RepositoryName.parse("r"), DigestAlgorithm.SHA256);
        upload.receiveChunk();
        int mostSegments = 0;
        for (int at = 0; at < content.length; at += 300_000) {
            appendInPieces(upload, content, at, Math.min(content.length, at + 300_000), 50_000);
            upload.flush();
            mostSegments = Math.max(mostSegments, journalSegments());
        }
        // one segment per 1 MiB table file; only files still being written or ingested keep theirs
        assertTrue(mostSegments <= 2 + ContentWriter.VALUES_IN_FLIGHT, "up to " + mostSegments + " segments");

        BlobInfo blob = upload.commit(Digest.parse(sha256(content)));

        assertEquals(0, journalSegments());
        assertArrayEquals(content, read(blob.digest(), 0, content.length, MIB, true));
    }

    @Test
    void expectingFlushesAfterUnflushedBytesSyncsThemFirst() {
        byte[] content = bytes(MIB, 3);
        Upload upload = rocks().uploadStore().start(RepositoryName.parse("r"), DigestAlgorithm.SHA256);
        appendInPieces(upload, content, 0, 300_000, 64 * 1024);
        upload.receiveChunk();
        assertEquals(300_000, recordedSize(upload.id()));
        appendInPieces(upload, content, 300_000, 500_000, 64 * 1024);
        upload.flush();

        reopen();
        Upload resumed = rocks().uploadStore().load(upload.id()).orElseThrow();
        assertEquals(500_000, resumed.size());
        appendInPieces(resumed, content, 500_000, content.length, 64 * 1024);
        BlobInfo blob = resumed.commit(Digest.parse(sha256(content)));
        assertArrayEquals(content, read(blob.digest(), 0, content.length, MIB, true));
    }

    @Test
    void finalBytesAfterAChunkSkipTheJournal() {
        byte[] content = bytes(3 * MIB, 4);
        int chunk = MIB + 1;
        Upload upload = rocks().uploadStore().start(RepositoryName.parse("r"), DigestAlgorithm.SHA256);
        upload.receiveChunk();
        appendInPieces(upload, content, 0, chunk, 64 * 1024);
        upload.flush();
        long journaled = journalBytes();
        upload.receiveFinal();
        appendInPieces(upload, content, chunk, content.length, 64 * 1024);

        // The journal may shrink meanwhile (the table-file stage trims what the record has passed), never grow.
        long after = journalBytes();
        assertTrue(after <= journaled, "the final " + (content.length - chunk) + " bytes were journaled: " + journaled
                + " -> " + after);
        BlobInfo blob = upload.commit(Digest.parse(sha256(content)));
        assertEquals(0, journalSegments());
        assertArrayEquals(content, read(blob.digest(), 0, content.length, MIB, true));
    }

    @Test
    void aStorageFailureKeepsTheJournaledChunksForTheReopenedUpload() {
        byte[] content = bytes(3 * MIB, 8);
        int flushed = 500_000;
        Upload upload = rocks().uploadStore().start(RepositoryName.parse("r"), DigestAlgorithm.SHA256);
        upload.receiveChunk();
        appendInPieces(upload, content, 0, flushed, 64 * 1024);
        upload.flush();

        // the database goes away under the upload: its handle fails and is given up. The table-file stage meets the
        // closed database in the background, so the failure shows at the latest when the commit waits for it.
        rocks().db().close();
        assertThrows(StorageException.class, () -> {
            appendInPieces(upload, content, flushed, 2 * MIB, 64 * 1024);
            upload.flush();
            upload.commit(Digest.parse(sha256(content)));
        });

        reopen();
        Upload resumed = rocks().uploadStore().load(upload.id()).orElseThrow();
        long kept = resumed.size();
        assertTrue(kept >= flushed && kept <= 2 * MIB, "kept " + kept + " bytes");
        appendInPieces(resumed, content, (int) kept, content.length, 64 * 1024);
        BlobInfo blob = resumed.commit(Digest.parse(sha256(content)));
        assertArrayEquals(content, read(blob.digest(), 0, content.length, MIB, true));
    }

    @Test
    void replayFollowsSegmentsWhileEachContinuesTheLast() throws IOException {
        Path journalDirectory = rocks().db().journalDirectory();
        String id = UUID.randomUUID().toString();
        byte[] bytes = bytes(400, 5);
        Files.write(journalDirectory.resolve(id + ".0"), Arrays.copyOfRange(bytes, 0, 100));
        Files.write(journalDirectory.resolve(id + ".100"), Arrays.copyOfRange(bytes, 100, 150));
        Files.write(journalDirectory.resolve(id + ".150"), Arrays.copyOfRange(bytes, 150, 220));
        Files.write(journalDirectory.resolve(id + ".300"), Arrays.copyOfRange(bytes, 300, 400));
        UploadJournal journal = new UploadJournal(journalDirectory, id, FILE_LIMIT);

        ByteArrayOutputStream replayed = new ByteArrayOutputStream();
        long end = journal.replay(30, ByteBuffer.allocate(64), buffer -> {
            byte[] part = new byte[buffer.remaining()];
            buffer.get(part);
            replayed.writeBytes(part);
        });

        assertEquals(220, end);
        assertArrayEquals(Arrays.copyOfRange(bytes, 30, 220), replayed.toByteArray());
        journal.deleteAll();
        assertEquals(0, journalSegments());
    }

    @Test
    void segmentsOfUploadsThatNoLongerExistAreDroppedWhenTheStoreOpens() throws IOException {
        Upload upload = rocks().uploadStore().start(RepositoryName.parse("r"), DigestAlgorithm.SHA256);
        upload.receiveChunk();
        upload.append(ByteBuffer.wrap(bytes(1000, 6)));
        upload.flush();
        Path orphan = rocks().db().journalDirectory().resolve(UUID.randomUUID() + ".0");
        Files.write(orphan, bytes(10, 7));

        reopen();

        assertFalse(Files.exists(orphan));
        assertEquals(1000, journalBytes());
        assertEquals(1000, rocks().uploadStore().load(upload.id()).orElseThrow().size());
    }

    private long recordedSize(String uploadId) {
        return Values.upload(rocks().db().get(Db.Family.UPLOADS, Keys.upload(uploadId))).size();
    }

    private int journalSegments() {
        try (Stream<Path> segments = Files.list(rocks().db().journalDirectory())) {
            return (int) segments.count();
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    private long journalBytes() {
        try (Stream<Path> segments = Files.list(rocks().db().journalDirectory())) {
            return segments.mapToLong(segment -> segment.toFile().length()).sum();
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}
