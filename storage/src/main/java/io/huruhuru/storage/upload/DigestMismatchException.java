package io.huruhuru.storage.upload;

import io.huruhuru.oci.Digest;

/** The uploaded bytes do not hash to the digest that the client gave. */
public class DigestMismatchException extends RuntimeException {

    private final Digest expected;
    private final Digest actual;

    public DigestMismatchException(Digest expected, Digest actual) {
        super("digest mismatch: expected " + expected + ", content hashes to " + actual);
        this.expected = expected;
        this.actual = actual;
    }

    public Digest expected() {
        return expected;
    }

    public Digest actual() {
        return actual;
    }
}
