package io.huruhuru.oci;

/** A manifest body that is not a well-formed manifest of a supported type; the message says what is wrong. */
public class ManifestInvalidException extends RuntimeException {

    private final boolean unsupportedType;

    public ManifestInvalidException(String message) {
        this(message, false);
    }

    private ManifestInvalidException(String message, boolean unsupportedType) {
        super(message);
        this.unsupportedType = unsupportedType;
    }

    /** A manifest whose media type a registry does not take (Docker schema 1, or an unknown type). */
    public static ManifestInvalidException unsupportedType(String message) {
        return new ManifestInvalidException(message, true);
    }

    public boolean isUnsupportedType() {
        return unsupportedType;
    }
}
