package io.huruhuru.storage.upload;

import io.huruhuru.oci.Digest;
import io.huruhuru.oci.DigestAlgorithm;
import io.huruhuru.oci.RepositoryName;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.huruhuru.storage.RegistryStore;
import io.huruhuru.storage.StoreContract;
import io.huruhuru.storage.blob.BlobInfo;
import java.nio.ByteBuffer;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The contract of {@link UploadStore} and {@link Upload}, run against each implementation. */
public abstract class UploadStoreContract extends StoreContract {

    /** How many units of content the store holds (e.g. stored values); grows with stored bytes. */
    protected abstract long storedContentUnits(RegistryStore store);

    /** The uploads under test, as stored; a variant may have them all receive chunks (see {@link Upload#receiveChunk}). */
    protected abstract UploadStore uploads();

    @ParameterizedTest
    @ValueSource(ints = {0, 1, MIB - 1, MIB, MIB + 1, 3 * MIB + MIB / 2})
    void committedUploadReadsBackIdenticalWithItsDigest(int size) {
        byte[] content = bytes(size, size);
        Upload upload = uploads().start(RepositoryName.parse("library/app"), DigestAlgorithm.SHA256);
        appendInPieces(upload, content, 0, size, 64 * 1024);
        assertEquals(size, upload.size());

        BlobInfo blob = upload.commit(Digest.parse(sha256(content)));

        assertEquals(new BlobInfo(digestOf(content), size, blob.created()), blob);
        assertEquals(Optional.of(blob), store.blobs().stat(blob.digest()));
        assertEquals(Optional.of(blob), store.blobs().stat(repo("library/app"), blob.digest()));
        assertArrayEquals(content, read(blob.digest(), 0, size, MIB, true));
        assertArrayEquals(content, read(blob.digest(), 0, size, 100_000, false));
    }

    @ParameterizedTest
    @ValueSource(ints = {1, 100, 64 * 1024, MIB - 1, MIB + 1})
    void flushesAtAnyOffsetKeepTheBytesInOrder(int flushEvery) {
        byte[] content = bytes(3 * MIB + 12_345, flushEvery);
        Upload upload = uploads().start(RepositoryName.parse("r"), DigestAlgorithm.SHA256);
        int flushes = 0;
        for (int i = 0; i < content.length; i += flushEvery) {
            int to = Math.min(content.length, i + flushEvery);
            appendInPieces(upload, content, i, to, 40_000);
            if (flushes++ < 40) {
                upload.flush();
            }
        }

        BlobInfo blob = upload.commit(Digest.parse(sha256(content)));

        assertArrayEquals(content, read(blob.digest(), 0, content.length, 64 * 1024, true));
    }

    @Test
    void sizeCountsPendingAndFlushedBytes() {
        Upload upload = uploads().start(RepositoryName.parse("r"), DigestAlgorithm.SHA256);
        upload.append(ByteBuffer.wrap(bytes(1000, 1)));
        assertEquals(1000, upload.size());
        upload.flush();
        upload.append(ByteBuffer.allocateDirect(MIB + 5));
        assertEquals(1000 + MIB + 5, upload.size());
    }

    @Test
    void appendConsumesDirectAndHeapBuffers() {
        byte[] content = bytes(2 * MIB + 3, 7);
        Upload upload = uploads().start(RepositoryName.parse("r"), DigestAlgorithm.SHA256);
        ByteBuffer direct = ByteBuffer.allocateDirect(MIB + 1).put(content, 0, MIB + 1).flip();
        upload.append(direct);
        ByteBuffer heap = ByteBuffer.wrap(content, MIB + 1, content.length - MIB - 1);
        upload.append(heap);

        assertEquals(0, direct.remaining());
        assertEquals(0, heap.remaining());
        BlobInfo blob = upload.commit(Digest.parse(sha256(content)));
        assertArrayEquals(content, read(blob.digest(), 0, content.length, 4096, false));
    }

    @Test
    void sha512UploadCommitsWithSha512Digest() {
        byte[] content = bytes(MIB + 77, 3);
        Upload upload = uploads().start(RepositoryName.parse("r"), DigestAlgorithm.SHA512);
        appendInPieces(upload, content, 0, content.length, 64 * 1024);

        BlobInfo blob = upload.commit(Digest.parse(digest(DigestAlgorithm.SHA512, content)));

        assertEquals(Digest.of(DigestAlgorithm.SHA512, content), blob.digest());
        assertArrayEquals(content, read(blob.digest(), 0, content.length, MIB, true));
    }

    @Test
    void commitWithAnotherAlgorithmThanStartedRehashesTheStoredBytes() {
        byte[] content = bytes(2 * MIB + 1, 4);
        Upload upload = uploads().start(RepositoryName.parse("r"), DigestAlgorithm.SHA256);
        appendInPieces(upload, content, 0, content.length, 64 * 1024);

        BlobInfo blob = upload.commit(Digest.parse(digest(DigestAlgorithm.SHA512, content)));

        assertEquals(Digest.of(DigestAlgorithm.SHA512, content), blob.digest());
        assertTrue(store.blobs().stat(digestOf(content)).isEmpty());
        assertArrayEquals(content, read(blob.digest(), 0, content.length, MIB, true));
    }

    @Test
    void digestMismatchCancelsTheUploadAndStoresNothing() {
        long before = storedContentUnits(store);
        byte[] content = bytes(2 * MIB, 5);
        Upload upload = uploads().start(RepositoryName.parse("r"), DigestAlgorithm.SHA256);
        appendInPieces(upload, content, 0, content.length, 64 * 1024);
        String wrong = sha256(bytes(10, 6));

        DigestMismatchException e = assertThrows(DigestMismatchException.class, () -> upload.commit(Digest.parse(wrong)));

        assertEquals(wrong, e.expected().toString());
        assertEquals(digestOf(content), e.actual());
        assertTrue(store.blobs().stat(Digest.parse(wrong)).isEmpty());
        assertTrue(store.blobs().stat(digestOf(content)).isEmpty());
        assertTrue(uploads().load(upload.id()).isEmpty());
        assertEquals(before, storedContentUnits(store));
        assertTrue(!store.repositories().exists(repo("r")));
    }

    @Test
    void secondIdenticalUploadIsDeduplicated() {
        byte[] content = bytes(3 * MIB + 5, 8);
        BlobInfo first = push("one", content);
        long afterFirst = storedContentUnits(store);

        BlobInfo second = push("two", content);

        assertEquals(first, second);
        assertEquals(afterFirst, storedContentUnits(store));
        assertTrue(store.blobs().stat(repo("two"), first.digest()).isPresent());
        assertArrayEquals(content, read(first.digest(), 0, content.length, MIB, true));
    }

    /** An upload with 3 MiB of bytes made from {@code seed} appended and flushed. */
    private Upload startWithFlushedBytes(long seed) {
        Upload upload = uploads().start(RepositoryName.parse("r"), DigestAlgorithm.SHA256);
        appendInPieces(upload, bytes(3 * MIB, seed), 0, 3 * MIB, 64 * 1024);
        upload.flush();
        return upload;
    }

    @Test
    void cancelDropsTheBytesAndIsIdempotent() {
        long before = storedContentUnits(store);
        Upload upload = startWithFlushedBytes(9);
        assertTrue(storedContentUnits(store) > before);

        upload.cancel();
        assertDoesNotThrow(upload::cancel);

        assertEquals(before, storedContentUnits(store));
        assertTrue(uploads().load(upload.id()).isEmpty());
    }

    @Test
    void loadMakesANewHandleOfAStoredUploadWithItsBytes() {
        Upload upload = uploads().start(RepositoryName.parse("r"), DigestAlgorithm.SHA256);
        upload.append(ByteBuffer.wrap(bytes(10, 1)));
        upload.flush();

        Upload loaded = uploads().load(upload.id()).orElseThrow();

        assertEquals(upload.id(), loaded.id());
        assertEquals(10, loaded.size());
        assertNotSame(upload, loaded);
    }

    @Test
    void loadOfUnknownOrCommittedUploadIsEmpty() {
        assertTrue(uploads().load("no-such-upload").isEmpty());
        Upload upload = uploads().start(RepositoryName.parse("r"), DigestAlgorithm.SHA256);
        upload.commit(Digest.parse(sha256(new byte[0])));
        assertTrue(uploads().load(upload.id()).isEmpty());
    }

    @ParameterizedTest
    @ValueSource(ints = {0, 1, MIB - 1, MIB, MIB + MIB / 2})
    void uploadReopenedAfterRestartContinuesWithTheRightDigest(int flushedSize) {
        byte[] content = bytes(flushedSize + 2 * MIB + 3, flushedSize);
        Upload upload = uploads().start(RepositoryName.parse("r"), DigestAlgorithm.SHA256);
        appendInPieces(upload, content, 0, flushedSize, 64 * 1024);
        upload.flush();
        String id = upload.id();
        java.time.Instant started = upload.started();

        reopen();
        Upload resumed = uploads().load(id).orElseThrow();
        assertEquals(flushedSize, resumed.size());
        assertEquals(RepositoryName.parse("r"), resumed.repository());
        assertEquals(started.toEpochMilli(), resumed.started().toEpochMilli());
        appendInPieces(resumed, content, flushedSize, content.length, 64 * 1024);
        BlobInfo blob = resumed.commit(Digest.parse(sha256(content)));

        assertEquals(digestOf(content), blob.digest());
        assertArrayEquals(content, read(blob.digest(), 0, content.length, MIB, true));
    }

    @Test
    void restartKeepsTheFlushedBytesAndAtMostAPrefixOfTheOthers() {
        byte[] content = bytes(3 * MIB, 10);
        Upload upload = uploads().start(RepositoryName.parse("r"), DigestAlgorithm.SHA256);
        appendInPieces(upload, content, 0, MIB + 10, 64 * 1024);
        upload.flush();
        appendInPieces(upload, content, MIB + 10, 2 * MIB, 64 * 1024);

        reopen();
        Upload resumed = uploads().load(upload.id()).orElseThrow();

        // Bytes appended after the flush may have been stored on the way; the client resumes where the status says.
        long kept = resumed.size();
        assertTrue(kept >= MIB + 10 && kept <= 2 * MIB, "kept " + kept + " bytes");
        appendInPieces(resumed, content, (int) kept, content.length, 64 * 1024);
        BlobInfo blob = resumed.commit(Digest.parse(sha256(content)));
        assertArrayEquals(content, read(blob.digest(), 0, content.length, MIB, true));
    }

    @Test
    void startedBeforeListsTheUploadsStartedEarlierOnly() throws InterruptedException {
        Upload earlier = uploads().start(RepositoryName.parse("r"), DigestAlgorithm.SHA256);
        Upload committed = uploads().start(RepositoryName.parse("r"), DigestAlgorithm.SHA256);
        committed.commit(Digest.parse(sha256(new byte[0])));
        Upload later = startAfter(earlier.started());

        assertEquals(List.of(earlier.id()), uploads().startedBefore(later.started()));
        assertEquals(Set.of(earlier.id(), later.id()),
                Set.copyOf(uploads().startedBefore(later.started().plusSeconds(1))));
        assertEquals(List.of(), uploads().startedBefore(earlier.started()));
    }

    /** Starts an upload once the clock has moved past {@code instant}, so that its start is later. */
    private Upload startAfter(Instant instant) throws InterruptedException {
        while (true) {
            Upload upload = uploads().start(RepositoryName.parse("r"), DigestAlgorithm.SHA256);
            if (upload.started().isAfter(instant)) {
                return upload;
            }
            upload.cancel();
            Thread.sleep(2);
        }
    }

    @Test
    void deleteDropsAnUploadLeftBeforeARestartWithAllItsBytes() {
        long before = storedContentUnits(store);
        Upload upload = startWithFlushedBytes(11);
        reopen();
        assertTrue(storedContentUnits(store) > before);

        assertTrue(uploads().delete(upload.id()));

        assertEquals(before, storedContentUnits(store));
        assertTrue(uploads().load(upload.id()).isEmpty());
        assertEquals(List.of(), uploads().startedBefore(Instant.now().plusSeconds(1)));
        assertFalse(uploads().delete(upload.id()), "a second delete finds nothing");
        assertFalse(uploads().delete("no-such-upload"));
    }

    @Test
    void endedUploadRefusesAppends() {
        Upload upload = uploads().start(RepositoryName.parse("r"), DigestAlgorithm.SHA256);
        upload.commit(Digest.parse(sha256(new byte[0])));
        assertThrows(IllegalStateException.class, () -> upload.append(ByteBuffer.allocate(1)));
    }

    @Test
    void uploadsInParallelThreadsDoNotMix() throws Exception {
        int threads = 4;
        byte[][] contents = new byte[threads][];
        BlobInfo[] blobs = new BlobInfo[threads];
        Thread[] workers = new Thread[threads];
        Throwable[] failures = new Throwable[threads];
        for (int t = 0; t < threads; t++) {
            int index = t;
            contents[t] = bytes(2 * MIB + 1000 * t, 100 + t);
            workers[t] = new Thread(() -> {
                try {
                    blobs[index] = push("r" + index, contents[index]);
                } catch (Throwable e) {
                    failures[index] = e;
                }
            });
            workers[t].start();
        }
        for (int t = 0; t < threads; t++) {
            workers[t].join();
            assertEquals(null, failures[t]);
            assertArrayEquals(contents[t], read(blobs[t].digest(), 0, contents[t].length, MIB, true));
        }
    }
}
