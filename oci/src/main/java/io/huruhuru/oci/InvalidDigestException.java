package io.huruhuru.oci;

/** A digest string that does not follow the image spec's grammar or names an unsupported algorithm. */
public class InvalidDigestException extends IllegalArgumentException {

    public InvalidDigestException(String message) {
        super(message);
    }
}
