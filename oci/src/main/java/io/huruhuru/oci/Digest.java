package io.huruhuru.oci;

import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.regex.Pattern;

/** A content digest, {@code algorithm:encoded}, as the OCI image spec defines it (sha256 and sha512). */
public record Digest(DigestAlgorithm algorithm, String hex) {

    // image-spec descriptor.md: algorithm-component [+._-] separated, then ':' and the encoded part.
    private static final Pattern GRAMMAR = Pattern.compile("[a-z0-9]+(?:[+._-][a-z0-9]+)*:[a-zA-Z0-9=_-]+");

    public Digest {
        if (!algorithm.isEncoded(hex)) {
            throw new InvalidDigestException("invalid " + algorithm.id() + " digest encoding: " + hex);
        }
    }

    /**
     * Parses a digest string.
     *
     * @throws InvalidDigestException if it is malformed or its algorithm is not sha256 or sha512
     */
    public static Digest parse(String text) {
        if (text == null || !GRAMMAR.matcher(text).matches()) {
            throw new InvalidDigestException("invalid digest: " + text);
        }
        int colon = text.indexOf(':');
        String algorithmId = text.substring(0, colon);
        DigestAlgorithm algorithm = DigestAlgorithm.byId(algorithmId)
                .orElseThrow(() -> new InvalidDigestException("unsupported digest algorithm: " + algorithmId));
        return new Digest(algorithm, text.substring(colon + 1));
    }

    /** The digest of {@code bytes} with {@code algorithm}. */
    public static Digest of(DigestAlgorithm algorithm, byte[] bytes) {
        return new Digest(algorithm, HexFormat.of().formatHex(algorithm.newMessageDigest().digest(bytes)));
    }

    /** Whether {@code bytes} hash to this digest; compares in constant time. */
    public boolean matches(byte[] bytes) {
        byte[] actual = algorithm.newMessageDigest().digest(bytes);
        return MessageDigest.isEqual(actual, HexFormat.of().parseHex(hex));
    }

    @Override
    public String toString() {
        return algorithm.id() + ":" + hex;
    }
}
