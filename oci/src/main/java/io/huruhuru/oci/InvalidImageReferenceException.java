package io.huruhuru.oci;

/** An image reference ({@code [registry/]repository[:tag][@digest]}) whose registry part is malformed or that is empty. */
public class InvalidImageReferenceException extends IllegalArgumentException {

    public InvalidImageReferenceException(String message) {
        super(message);
    }
}
