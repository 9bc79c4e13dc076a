package io.huruhuru.storage.manifest;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.huruhuru.oci.Digest;
import io.huruhuru.oci.DigestAlgorithm;
import org.junit.jupiter.api.Test;

class SmallBlobTest {

    @Test
    void contentThatDoesNotHashToTheDigestIsRefused() {
        Digest digest = Digest.of(DigestAlgorithm.SHA256, new byte[] {1, 2, 3});

        assertThrows(IllegalArgumentException.class, () -> new SmallBlob(digest, new byte[] {1, 2, 4}));
    }

    @Test
    void contentOverTheLimitIsRefused() {
        byte[] content = new byte[SmallBlob.MAX_SIZE + 1];
        Digest digest = Digest.of(DigestAlgorithm.SHA256, content);

        assertThrows(IllegalArgumentException.class, () -> new SmallBlob(digest, content));
    }

    @Test
    void contentAtTheLimitIsTakenAndCopied() {
        byte[] content = new byte[SmallBlob.MAX_SIZE];
        SmallBlob blob = new SmallBlob(Digest.of(DigestAlgorithm.SHA256, content), content);

        content[0] = 1;

        assertArrayEquals(new byte[SmallBlob.MAX_SIZE], blob.content());
    }
}
