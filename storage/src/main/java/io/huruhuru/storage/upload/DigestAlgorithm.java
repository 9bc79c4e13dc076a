package io.huruhuru.storage.upload;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;

/** A digest algorithm of the OCI image spec, named as in a digest string ({@code sha256:...}). */
public enum DigestAlgorithm {
    SHA256("sha256", "SHA-256"),
    SHA512("sha512", "SHA-512");

    private final String prefix;
    private final String jcaName;

    DigestAlgorithm(String prefix, String jcaName) {
        this.prefix = prefix;
        this.jcaName = jcaName;
    }

    /** The algorithm part of a digest string. */
    public String prefix() {
        return prefix;
    }

    public MessageDigest newMessageDigest() {
        try {
            return MessageDigest.getInstance(jcaName);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("the JDK lacks " + jcaName, e);
        }
    }

    /** The algorithm of a digest string such as {@code sha512:...}. */
    public static DigestAlgorithm ofDigest(String digest) {
        int colon = digest.indexOf(':');
        String prefix = colon < 0 ? digest : digest.substring(0, colon);
        for (DigestAlgorithm algorithm : values()) {
            if (algorithm.prefix.equals(prefix)) {
                return algorithm;
            }
        }
        throw new IllegalArgumentException("unsupported digest algorithm: " + prefix);
    }
}
