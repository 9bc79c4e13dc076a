package io.huruhuru.validation;

import java.io.IOException;

/**
 * The image source could not deliver bytes (missing blob, I/O error): the input cannot be read, which is not a
 * property of the image and so not a violation.
 */
public class ImageSourceException extends IOException {

    public ImageSourceException(String message) {
        super(message);
    }

    public ImageSourceException(String message, Throwable cause) {
        super(message, cause);
    }
}
