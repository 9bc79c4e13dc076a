package io.huruhuru.oci;

/** A tag that the distribution spec's tag grammar does not allow. */
public class InvalidTagException extends IllegalArgumentException {

    public InvalidTagException(String message) {
        super(message);
    }
}
