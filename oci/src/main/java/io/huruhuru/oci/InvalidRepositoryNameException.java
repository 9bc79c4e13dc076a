package io.huruhuru.oci;

/** A repository name that the distribution spec's {@code <name>} grammar does not allow. */
public class InvalidRepositoryNameException extends IllegalArgumentException {

    public InvalidRepositoryNameException(String message) {
        super(message);
    }
}
