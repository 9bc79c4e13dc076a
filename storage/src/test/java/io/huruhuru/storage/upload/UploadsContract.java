package io.huruhuru.storage.upload;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.huruhuru.oci.Digest;
import io.huruhuru.oci.DigestAlgorithm;
import io.huruhuru.oci.RepositoryName;
import io.huruhuru.storage.StorageException;
import io.huruhuru.storage.StoreContract;
import io.huruhuru.storage.blob.BlobInfo;
import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The life of an upload in {@link Uploads}: the transitions of {@link UploadSession}, run against each store. */
public abstract class UploadsContract extends StoreContract {

    private static final RepositoryName REPO = RepositoryName.parse("r");

    private Uploads uploads() {
        return store.uploads();
    }

    /** The store's uploads beneath its table of live ones. */
    protected abstract UploadStore uploadStore();

    /** Records what an upload's listener hears. */
    private static final class Recorder implements UploadListener {
        final ByteArrayOutputStream received = new ByteArrayOutputStream();
        final List<String> events = new ArrayList<>();

        @Override
        public synchronized void received(ByteBuffer bytes) {
            byte[] copy = new byte[bytes.remaining()];
            bytes.get(copy);
            received.writeBytes(copy);
        }

        @Override
        public synchronized void committed(Digest digest) {
            events.add("committed " + digest);
        }

        @Override
        public synchronized void abandoned() {
            events.add("abandoned");
        }
    }

    @Test
    void aStartedUploadIsOpenAndEmpty() {
        UploadSession session = uploads().start(REPO, DigestAlgorithm.SHA256);

        assertEquals(UploadState.OPEN, session.state());
        assertEquals(0, session.size());
        assertEquals(REPO, session.repository());
    }

    @Test
    void aChunkIsReceivingUntilFinishedAndThenOpenWithItsBytes() {
        UploadSession session = uploads().start(REPO, DigestAlgorithm.SHA256);

        UploadSession.Writer chunk = session.receiveChunk();
        chunk.append(ByteBuffer.wrap(bytes(1000, 1)));
        assertEquals(UploadState.RECEIVING, session.state());
        chunk.finish();

        assertEquals(UploadState.OPEN, session.state());
        assertEquals(1000, session.size());
    }

    @Test
    void finalBytesCommitTheUploadAndTheListenerHearsTheBytesAndTheDigest() {
        byte[] content = bytes(3 * MIB + 5, 2);
        Recorder recorder = new Recorder();
        UploadSession session = uploads().start(REPO, DigestAlgorithm.SHA256, (repository, id) -> recorder);

        UploadSession.Writer writer = session.receiveFinal();
        appendInPieces(writer, content, 0, content.length, 64 * 1024);
        BlobInfo blob = writer.commit(Digest.parse(sha256(content)));

        assertEquals(UploadState.COMMITTED, session.state());
        assertEquals(digestOf(content), blob.digest());
        assertArrayEquals(content, recorder.received.toByteArray());
        assertEquals(List.of("committed " + sha256(content)), recorder.events);
        assertThrows(UploadUnknownException.class, () -> uploads().find(REPO, session.id()));
        assertFalse(uploads().isLive(session.id()));
    }

    @Test
    void aSecondWriterIsRefusedWhileTheFirstWrites() {
        UploadSession session = uploads().start(REPO, DigestAlgorithm.SHA256);
        UploadSession.Writer first = session.receiveChunk();

        assertThrows(UploadBusyException.class, session::receiveChunk);
        assertThrows(UploadBusyException.class, session::receiveFinal);

        first.finish();
        session.receiveChunk().finish();
        assertEquals(UploadState.OPEN, session.state());
    }

    @Test
    void aReleasedWriterFreesTheUploadAndCanWriteNoMore() {
        UploadSession session = uploads().start(REPO, DigestAlgorithm.SHA256);
        UploadSession.Writer writer = session.receiveFinal();

        writer.release();

        assertEquals(UploadState.OPEN, session.state());
        assertThrows(UploadUnknownException.class, () -> writer.append(ByteBuffer.allocate(1)));
        session.receiveChunk().finish();
    }

    @Test
    void aCancelWhileARequestWritesMakesItsNextStepFailWithUploadUnknown() {
        Recorder recorder = new Recorder();
        UploadSession session = uploads().start(REPO, DigestAlgorithm.SHA256, (repository, id) -> recorder);
        UploadSession.Writer writer = session.receiveChunk();
        writer.append(ByteBuffer.wrap(bytes(MIB, 3)));

        session.cancel();

        assertEquals(UploadState.CANCELLED, session.state());
        assertThrows(UploadUnknownException.class, () -> writer.append(ByteBuffer.wrap(bytes(10, 4))));
        assertThrows(UploadUnknownException.class, writer::finish);
        assertThrows(UploadUnknownException.class, () -> uploads().find(REPO, session.id()));
        assertThrows(UploadUnknownException.class, session::cancel);
        assertEquals(List.of("abandoned"), recorder.events);
        assertEquals(0, uploads().purgeStartedBefore(Instant.now().plusSeconds(1)), "nothing is left stored");
    }

    @Test
    void aCancelFromAnotherThreadStopsAWriterMidStreamWithUploadUnknownAndDropsTheBytes() throws Exception {
        UploadSession session = uploads().start(REPO, DigestAlgorithm.SHA256);
        UploadSession.Writer writer = session.receiveChunk();
        byte[] piece = bytes(64 * 1024, 11);
        CompletableFuture<Throwable> stopped = CompletableFuture.supplyAsync(() -> {
            try {
                while (true) {
                    writer.append(ByteBuffer.wrap(piece));
                }
            } catch (Throwable e) {
                return e;
            }
        });
        while (session.size() < 4 * MIB) {
            Thread.sleep(1);
        }

        session.cancel();

        assertEquals(UploadUnknownException.class,
                stopped.get(10, TimeUnit.SECONDS).getClass());
        assertEquals(UploadState.CANCELLED, session.state());
        assertEquals(0, uploads().purgeStartedBefore(Instant.now().plusSeconds(1)), "nothing is left stored");
    }

    @Test
    void aPurgeSkipsAnUploadThatARequestWritesAndExpiresItAfterwards() {
        Recorder recorder = new Recorder();
        UploadSession session = uploads().start(REPO, DigestAlgorithm.SHA256, (repository, id) -> recorder);
        UploadSession.Writer writer = session.receiveChunk();
        writer.append(ByteBuffer.wrap(bytes(1000, 5)));
        Instant later = Instant.now().plusSeconds(1);

        assertEquals(0, uploads().purgeStartedBefore(later));
        writer.append(ByteBuffer.wrap(bytes(1000, 6)));
        writer.finish();
        assertEquals(2000, session.size());

        assertEquals(1, uploads().purgeStartedBefore(later));
        assertEquals(UploadState.EXPIRED, session.state());
        assertEquals(List.of("abandoned"), recorder.events);
        assertThrows(UploadUnknownException.class, () -> uploads().find(REPO, session.id()));
    }

    @Test
    void aPurgeBetweenFindingAnUploadAndWritingItMakesTheWriteFailWithUploadUnknown() {
        String id = uploads().start(REPO, DigestAlgorithm.SHA256).id();
        UploadSession found = uploads().find(REPO, id);

        assertEquals(1, uploads().purgeStartedBefore(Instant.now().plusSeconds(1)));

        assertThrows(UploadUnknownException.class, found::receiveChunk);
        assertThrows(UploadUnknownException.class, found::receiveFinal);
    }

    @Test
    void aPurgeDeletesAnUploadLeftBeforeARestart() {
        UploadSession session = uploads().start(REPO, DigestAlgorithm.SHA256);
        UploadSession.Writer chunk = session.receiveChunk();
        chunk.append(ByteBuffer.wrap(bytes(2 * MIB, 7)));
        chunk.finish();
        reopen();

        assertEquals(1, uploads().purgeStartedBefore(Instant.now().plusSeconds(1)));

        assertThrows(UploadUnknownException.class, () -> uploads().find(REPO, session.id()));
        assertEquals(0, uploads().purgeStartedBefore(Instant.now().plusSeconds(1)), "nothing is left stored");
    }

    @Test
    void aDigestMismatchCancelsTheUpload() {
        Recorder recorder = new Recorder();
        UploadSession session = uploads().start(REPO, DigestAlgorithm.SHA256, (repository, id) -> recorder);
        UploadSession.Writer writer = session.receiveFinal();
        writer.append(ByteBuffer.wrap(bytes(100, 8)));

        assertThrows(DigestMismatchException.class, () -> writer.commit(Digest.parse(sha256(bytes(100, 9)))));

        assertEquals(UploadState.CANCELLED, session.state());
        assertEquals(List.of("abandoned"), recorder.events);
        assertThrows(UploadUnknownException.class, () -> uploads().find(REPO, session.id()));
    }

    @Test
    void findReturnsTheLiveSessionOfAnUpload() {
        UploadSession session = uploads().start(REPO, DigestAlgorithm.SHA256);

        assertSame(session, uploads().find(REPO, session.id()));
    }

    @Test
    void findLoadsAnUploadStartedBeforeARestartWithItsFlushedBytes() {
        byte[] content = bytes(MIB + 3, 10);
        UploadSession session = uploads().start(REPO, DigestAlgorithm.SHA256);
        UploadSession.Writer chunk = session.receiveChunk();
        appendInPieces(chunk, content, 0, MIB, 64 * 1024);
        chunk.finish();
        reopen();

        UploadSession resumed = uploads().find(REPO, session.id());
        assertEquals(UploadState.OPEN, resumed.state());
        assertEquals(MIB, resumed.size());
        UploadSession.Writer last = resumed.receiveFinal();
        appendInPieces(last, content, MIB, content.length, 64 * 1024);
        BlobInfo blob = last.commit(Digest.parse(sha256(content)));

        assertArrayEquals(content, read(blob.digest(), 0, content.length, MIB, true));
    }

    @Test
    void findLiveSeesOnlyUploadsInTheTableAndLeavesLoadingToFind() {
        UploadSession session = uploads().start(REPO, DigestAlgorithm.SHA256);
        assertSame(session, uploads().findLive(REPO, session.id()).orElseThrow());
        reopen();

        assertTrue(uploads().findLive(REPO, session.id()).isEmpty());
        UploadSession loaded = uploads().find(REPO, session.id());
        assertSame(loaded, uploads().findLive(REPO, session.id()).orElseThrow());
        assertThrows(UploadUnknownException.class, () -> uploads().findLive(RepositoryName.parse("other"), session.id()));
    }

    @Test
    void anUploadOfAnotherRepositoryIsUnknown() {
        UploadSession session = uploads().start(REPO, DigestAlgorithm.SHA256);

        assertThrows(UploadUnknownException.class, () -> uploads().find(RepositoryName.parse("other"), session.id()));
        assertEquals(UploadState.OPEN, session.state());
    }

    @ParameterizedTest
    @ValueSource(strings = {"\0", "a\0b", "%00", "..", "no-such-upload", "00000000-0000-0000-0000-000000000000",
            "00000000-0000-0000-0000-00000000000G"})
    void aMalformedOrUnknownIdIsUploadUnknown(String id) {
        assertThrows(UploadUnknownException.class, () -> uploads().find(REPO, id));
    }

    @Test
    void aCommittedUploadCannotBeCancelled() {
        UploadSession session = uploads().start(REPO, DigestAlgorithm.SHA256);
        session.receiveFinal().commit(Digest.parse(sha256(new byte[0])));

        assertThrows(UploadUnknownException.class, session::cancel);
        assertTrue(session.state().ended());
    }

    @Test
    void aCancelledUploadIsUnknownWhileItsBytesAreDeletedAndIsNotLoadedAgain() throws Exception {
        CountDownLatch deleting = new CountDownLatch(1);
        CountDownLatch mayDelete = new CountDownLatch(1);
        Uploads table = new Uploads(new WrappingUploadStore(uploadStore(), upload -> new HeldCancel(upload, deleting, mayDelete)));
        UploadSession session = table.start(REPO, DigestAlgorithm.SHA256);
        UploadSession.Writer chunk = session.receiveChunk();
        chunk.append(ByteBuffer.wrap(bytes(1000, 9)));
        chunk.finish();

        CompletableFuture<Void> cancelled = CompletableFuture.runAsync(session::cancel);
        assertTrue(deleting.await(10, TimeUnit.SECONDS));
        assertThrows(UploadUnknownException.class, () -> table.find(REPO, session.id()));
        mayDelete.countDown();
        cancelled.get(10, TimeUnit.SECONDS);

        assertThrows(UploadUnknownException.class, () -> table.find(REPO, session.id()));
        assertFalse(table.isLive(session.id()));
        assertTrue(uploadStore().load(session.id()).isEmpty());
    }

    @Test
    void aStorageStepThatFailsEndsTheSessionTellsTheListenerAndTheNextRequestReloadsTheUpload() {
        Recorder recorder = new Recorder();
        Uploads table = new Uploads(new WrappingUploadStore(uploadStore(), FailingAppends::new));
        UploadSession session = table.start(REPO, DigestAlgorithm.SHA256, (repository, id) -> recorder);
        UploadSession.Writer writer = session.receiveChunk();

        assertThrows(StorageException.class, () -> writer.append(ByteBuffer.wrap(bytes(1000, 3))));

        assertEquals(UploadState.FAILED, session.state());
        assertEquals(List.of("abandoned"), recorder.events);
        UploadSession reloaded = table.find(REPO, session.id());
        assertEquals(UploadState.OPEN, reloaded.state());
        assertEquals(0, reloaded.size());
    }

    /** An upload whose cancel waits for {@code mayDelete} before deleting its bytes. */
    private static final class HeldCancel extends Delegating {

        private final CountDownLatch deleting;
        private final CountDownLatch mayDelete;

        HeldCancel(Upload upload, CountDownLatch deleting, CountDownLatch mayDelete) {
            super(upload);
            this.deleting = deleting;
            this.mayDelete = mayDelete;
        }

        @Override
        public void cancel() {
            deleting.countDown();
            try {
                mayDelete.await(10, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            super.cancel();
        }
    }

    /** An upload whose appends fail as a storage failure would. */
    private static final class FailingAppends extends Delegating {

        FailingAppends(Upload upload) {
            super(upload);
        }

        @Override
        public void append(ByteBuffer bytes) {
            throw new StorageException("the disk is gone");
        }
    }

    /** An upload that does what the one it wraps does. */
    private abstract static class Delegating implements Upload {

        private final Upload upload;

        Delegating(Upload upload) {
            this.upload = upload;
        }

        @Override
        public void cancel() {
            upload.cancel();
        }

        @Override
        public String id() {
            return upload.id();
        }

        @Override
        public RepositoryName repository() {
            return upload.repository();
        }

        @Override
        public Instant started() {
            return upload.started();
        }

        @Override
        public long size() {
            return upload.size();
        }

        @Override
        public void receiveChunk() {
            upload.receiveChunk();
        }

        @Override
        public void receiveFinal() {
            upload.receiveFinal();
        }

        @Override
        public void append(ByteBuffer bytes) {
            upload.append(bytes);
        }

        @Override
        public void flush() {
            upload.flush();
        }

        @Override
        public BlobInfo commit(Digest expected) {
            return upload.commit(expected);
        }
    }
}
