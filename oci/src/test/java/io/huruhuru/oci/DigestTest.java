package io.huruhuru.oci;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class DigestTest {

    private static final String EMPTY_SHA256 = "sha256:e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855";

    @Test
    void parsesAndPrintsSha256AndSha512() {
        String sha512 = "sha512:" + "ab".repeat(64);

        assertEquals(EMPTY_SHA256, Digest.parse(EMPTY_SHA256).toString());
        assertEquals(DigestAlgorithm.SHA512, Digest.parse(sha512).algorithm());
    }

    @Test
    void computesAndMatchesContent() {
        Digest digest = Digest.of(DigestAlgorithm.SHA256, new byte[0]);

        assertEquals(EMPTY_SHA256, digest.toString());
        assertTrue(digest.matches(new byte[0]));
        assertFalse(digest.matches("x".getBytes(StandardCharsets.UTF_8)));
    }

    @Test
    void refusesMalformedDigests() {
        for (String bad : new String[] {"", "sha256", "sha256:", "sha256:ABC", "sha256:" + "a".repeat(63),
                "sha512:" + "a".repeat(64), "SHA256:" + "a".repeat(64), "md5:d41d8cd98f00b204e9800998ecf8427e", "sha256:" + "g".repeat(64)}) {
            assertThrows(InvalidDigestException.class, () -> Digest.parse(bad), bad);
        }
    }

    @Test
    void unsupportedAlgorithmIsNamed() {
        InvalidDigestException e = assertThrows(InvalidDigestException.class,
                () -> Digest.parse("md5:d41d8cd98f00b204e9800998ecf8427e"));

        assertEquals("unsupported digest algorithm: md5", e.getMessage());
    }
}
