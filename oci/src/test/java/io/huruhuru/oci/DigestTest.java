package io.huruhuru.oci;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.util.Random;
import java.util.regex.Pattern;
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

    @Test
    void acceptsExactlyWhatTheImageSpecGrammarAndTheAlgorithmsEncodingAllow() {
        // image-spec descriptor.md, as a regular expression, and each registered algorithm's encoding
        Pattern grammar = Pattern.compile("[a-z0-9]+(?:[+._-][a-z0-9]+)*:[a-zA-Z0-9=_-]+");
        Pattern supported = Pattern.compile("sha256:[a-f0-9]{64}|sha512:[a-f0-9]{128}");
        String alphabet = "sha256512:+._-=aAfFgz09 /\0";
        Random random = new Random(20261205);
        int accepted = 0;
        for (int i = 0; i < 200_000; i++) {
            String text = i % 2 == 0 ? mutated(random, random.nextBoolean() ? EMPTY_SHA256 : "sha512:" + "c".repeat(128))
                    : randomText(random, alphabet);
            boolean expected = grammar.matcher(text).matches() && supported.matcher(text).matches();
            boolean parsed;
            try {
                parsed = Digest.parse(text).toString().equals(text);
            } catch (InvalidDigestException e) {
                parsed = false;
            }
            assertEquals(expected, parsed, text);
            accepted += parsed ? 1 : 0;
        }
        assertTrue(accepted > 1000, "too few valid digests generated: " + accepted);
    }

    /** Characters that edits put into digests: each class of the grammar, and some it excludes. */
    private static final String EDITS = "aAg:-+._=0\0 /";

    private static String mutated(Random random, String digest) {
        StringBuilder text = new StringBuilder(digest);
        int edits = random.nextInt(3);
        for (int e = 0; e < edits; e++) {
            int at = random.nextInt(text.length());
            switch (random.nextInt(3)) {
                case 0 -> text.setCharAt(at, EDITS.charAt(random.nextInt(EDITS.length())));
                case 1 -> text.deleteCharAt(at);
                default -> text.insert(at, EDITS.charAt(random.nextInt(EDITS.length())));
            }
        }
        return text.toString();
    }

    private static String randomText(Random random, String alphabet) {
        char[] text = new char[random.nextInt(12)];
        for (int i = 0; i < text.length; i++) {
            text[i] = alphabet.charAt(random.nextInt(alphabet.length()));
        }
        return new String(text);
    }

    @Test
    void equalDigestsAreEqualAndHashAlike() {
        Digest a = Digest.parse(EMPTY_SHA256);
        Digest b = Digest.parse(EMPTY_SHA256);
        Digest lastDiffers = Digest.parse(EMPTY_SHA256.substring(0, EMPTY_SHA256.length() - 1) + "4");
        Digest otherAlgorithm = Digest.parse("sha512:" + "e".repeat(128));

        assertEquals(a, b);
        assertEquals(a.hashCode(), b.hashCode());
        assertNotEquals(a, lastDiffers);
        assertNotEquals(a, otherAlgorithm);
        assertNotEquals(a, EMPTY_SHA256);
    }
}
