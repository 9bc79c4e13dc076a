package io.huruhuru.storage.blob;

import io.huruhuru.oci.Digest;
import io.huruhuru.oci.RepositoryName;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.huruhuru.oci.Digest;
import io.huruhuru.oci.DigestAlgorithm;
import io.huruhuru.storage.StoreContract;
import io.huruhuru.storage.upload.UploadSession;
import java.nio.ByteBuffer;
import java.util.Arrays;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The contract of {@link BlobStore}, run against each implementation. */
public abstract class BlobStoreContract extends StoreContract {

    private static final int SIZE = 3 * MIB + MIB / 2;

    @Test
    void unknownBlobHasNoStatAndCannotBeOpened() {
        Digest digest = digestOf(new byte[] {1});
        assertEquals(Optional.empty(), store.blobs().stat(digest));
        assertEquals(Optional.empty(), store.blobs().stat(repo("r"), digest));
        assertThrows(BlobUnknownException.class, () -> store.blobs().open(digest, 0, 0));
    }

    @ParameterizedTest
    @CsvSource({
        "0, 0", "0, 1", "5, 10", "1048575, 2", "1048576, 1048576", "1048577, 3", "1000000, 2500000",
        "3145728, 524288", "3670015, 1", "3670016, 0", "123, 3670016", "2097151, 1048578"
    })
    void readsAnyRangeWithAnyBuffer(long offset, long length) {
        byte[] content = bytes(SIZE, 42);
        // Flushes at odd offsets make stored values of uneven lengths.
        UploadSession.Writer upload = store.uploads().start(RepositoryName.parse("r"), DigestAlgorithm.SHA256)
                .receiveFinal();
        appendInPieces(upload, content, 0, 777_777, 64 * 1024);
        upload.flush();
        appendInPieces(upload, content, 777_777, SIZE, 64 * 1024);
        BlobInfo blob = upload.commit(Digest.parse(sha256(content)));
        if (offset + length > SIZE) {
            length = SIZE - offset;
        }
        byte[] expected = Arrays.copyOfRange(content, (int) offset, (int) (offset + length));

        for (int bufferSize : new int[] {1, 4096, 100_000, MIB, 3 * MIB}) {
            if (bufferSize == 1 && length > 20_000) {
                continue;
            }
            assertArrayEquals(expected, read(blob.digest(), offset, length, bufferSize, true), "direct " + bufferSize);
            assertArrayEquals(expected, read(blob.digest(), offset, length, bufferSize, false), "heap " + bufferSize);
        }
    }

    @Test
    void readFillsTheTargetFromItsPositionAndReportsEnd() {
        byte[] content = bytes(10, 1);
        BlobInfo blob = push("r", content);
        ByteBuffer target = ByteBuffer.allocateDirect(20).position(5);
        try (BlobContent reader = store.blobs().open(blob.digest(), 2, 8)) {
            assertEquals(8, reader.read(target));
            assertEquals(13, target.position());
            assertEquals(-1, reader.read(target));
        }
        byte[] copied = new byte[8];
        target.get(5, copied);
        assertArrayEquals(Arrays.copyOfRange(content, 2, 10), copied);
    }

    @Test
    void emptyRangeEndsAtOnce() {
        BlobInfo blob = push("r", bytes(100, 1));
        try (BlobContent reader = store.blobs().open(blob.digest(), 100, 0)) {
            assertEquals(-1, reader.read(ByteBuffer.allocate(10)));
        }
    }

    @Test
    void rangeBeyondTheBlobIsRefused() {
        BlobInfo blob = push("r", bytes(100, 1));
        assertThrows(IllegalArgumentException.class, () -> store.blobs().open(blob.digest(), 50, 51));
    }

    @Test
    void linkMakesABlobVisibleInAnotherRepository() {
        BlobInfo blob = push("source", bytes(1000, 2));
        assertEquals(Optional.empty(), store.blobs().stat(repo("target"), blob.digest()));

        store.blobs().link(repo("target"), blob.digest());

        assertEquals(Optional.of(blob), store.blobs().stat(repo("target"), blob.digest()));
        assertTrue(store.repositories().exists(repo("target")));
    }

    @Test
    void linkOfUnknownBlobFails() {
        assertThrows(BlobUnknownException.class, () -> store.blobs().link(repo("r"), digestOf(new byte[] {9})));
        assertFalse(store.repositories().exists(repo("r")));
    }

    @Test
    void unlinkRemovesOnlyTheLink() {
        BlobInfo blob = push("a", bytes(1000, 3));
        store.blobs().link(repo("b"), blob.digest());

        assertTrue(store.blobs().unlink(repo("a"), blob.digest()));
        assertFalse(store.blobs().unlink(repo("a"), blob.digest()));

        assertEquals(Optional.empty(), store.blobs().stat(repo("a"), blob.digest()));
        assertEquals(Optional.of(blob), store.blobs().stat(repo("b"), blob.digest()));
        assertEquals(Optional.of(blob), store.blobs().stat(blob.digest()));
    }

    @Test
    void linksDoNotBleedAcrossRepositoriesThatArePrefixesOfEachOther() {
        BlobInfo blob = push("a", bytes(1000, 4));
        assertEquals(Optional.empty(), store.blobs().stat(repo("a/b"), blob.digest()));
        assertEquals(Optional.empty(), store.blobs().stat(repo("ab"), blob.digest()));
    }

    @Test
    void blobsSurviveARestart() {
        byte[] content = bytes(2 * MIB + 9, 5);
        BlobInfo blob = push("r", content);

        reopen();

        assertEquals(Optional.of(blob), store.blobs().stat(repo("r"), blob.digest()));
        assertArrayEquals(content, read(blob.digest(), 0, content.length, MIB, true));
    }
}
