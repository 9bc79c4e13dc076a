package io.huruhuru.signature.key;

/**
 * A key cannot be used: its file is missing, unreadable, not PEM, not PKCS#8, not EC, not P-256, encrypted, or
 * readable by others. Unchecked: a start-up that meets it stops, and the message (naming the file and the fault in
 * words) is what the operator reads.
 */
public final class KeyException extends RuntimeException {

    public KeyException(String message) {
        super(message);
    }

    public KeyException(String message, Throwable cause) {
        super(message, cause);
    }
}
