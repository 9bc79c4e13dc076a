package io.huruhuru.oci;

/** An image config body that is not image config JSON (image-spec config.md). */
public class ImageConfigInvalidException extends RuntimeException {

    public ImageConfigInvalidException(String message) {
        super(message);
    }

    public ImageConfigInvalidException(String message, Throwable cause) {
        super(message, cause);
    }
}
