package io.huruhuru.signature.key;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.regex.Pattern;

/**
 * The name of a key: {@code [A-Za-z0-9._:-]{1,64}} (the colon for libtrust-style ids, {@code ABCD:EFGH:...}, that
 * Docker token servers put in {@code kid}). Configured keys carry the id the operator gave; otherwise
 * {@link #derivedFrom(byte[])} names a key by the first 16 hex digits of the SHA-256 of its SubjectPublicKeyInfo DER,
 * so the same public key always gets the same id.
 */
public record KeyId(String value) {

    private static final Pattern GRAMMAR = Pattern.compile("[A-Za-z0-9._:-]{1,64}");

    public KeyId {
        if (value == null || !GRAMMAR.matcher(value).matches()) {
            throw new IllegalArgumentException("invalid key id (1 to 64 of A-Z a-z 0-9 . _ : -): " + value);
        }
    }

    /** @throws IllegalArgumentException if {@code value} is not a key id */
    public static KeyId parse(String value) {
        return new KeyId(value);
    }

    /** The id of the public key whose SubjectPublicKeyInfo DER encoding is {@code subjectPublicKeyInfo}. */
    public static KeyId derivedFrom(byte[] subjectPublicKeyInfo) {
        try {
            byte[] hash = MessageDigest.getInstance("SHA-256").digest(subjectPublicKeyInfo);
            return new KeyId(HexFormat.of().formatHex(hash, 0, 8));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("the JDK lacks SHA-256", e);
        }
    }

    /** The id derived from {@code key}'s public key, whatever id it carries. */
    public static KeyId of(VerificationKey key) {
        return derivedFrom(key.subjectPublicKeyInfo());
    }

    @Override
    public String toString() {
        return value;
    }
}
