package io.huruhuru.oci;

/** A manifest body that is not a well-formed manifest of a supported type; the message says what is wrong. */
public class ManifestInvalidException extends RuntimeException {

    public ManifestInvalidException(String message) {
        super(message);
    }
}
