package io.huruhuru.sel4;

/** An input file (application description, ELF) could not be read or does not say what the model needs. */
public final class UnreadableInputException extends Exception {
    public UnreadableInputException(String message) {
        super(message);
    }

    public UnreadableInputException(String message, Throwable cause) {
        super(message, cause);
    }
}
