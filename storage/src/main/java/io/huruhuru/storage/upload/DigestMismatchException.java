package io.huruhuru.storage.upload;

/** The uploaded bytes do not hash to the digest that the client gave. */
public class DigestMismatchException extends RuntimeException {

    private final String expected;
    private final String actual;

    public DigestMismatchException(String expected, String actual) {
        super("digest mismatch: expected " + expected + ", content hashes to " + actual);
        this.expected = expected;
        this.actual = actual;
    }

    public String expected() {
        return expected;
    }

    public String actual() {
        return actual;
    }
}
