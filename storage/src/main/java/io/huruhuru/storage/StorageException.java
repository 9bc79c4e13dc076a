package io.huruhuru.storage;

/** A failure of the storage itself (I/O, corruption), as opposed to a request for something that does not exist. */
public class StorageException extends RuntimeException {

    public StorageException(String message, Throwable cause) {
        super(message, cause);
    }

    public StorageException(String message) {
        super(message);
    }
}
