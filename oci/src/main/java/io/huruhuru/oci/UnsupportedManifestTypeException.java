package io.huruhuru.oci;

/** A manifest whose media type a registry does not take: Docker schema 1, or a type that is not a manifest. */
public class UnsupportedManifestTypeException extends ManifestInvalidException {

    public UnsupportedManifestTypeException(String message) {
        super(message);
    }
}
