package io.huruhuru.server.http;

/** A request the registry refuses, answered with one OCI error body by {@link FailureHandler}. */
public class RegistryException extends RuntimeException {

    private final ErrorCode code;
    private final int status;
    private final Object detail;

    private RegistryException(ErrorCode code, int status, String message, Object detail) {
        super(message);
        this.code = code;
        this.status = status;
        this.detail = detail;
    }

    /** Refuses with {@code code}'s own status and message, with {@code detail} (a string or a JSON-able value). */
    public static RegistryException of(ErrorCode code, Object detail) {
        return new RegistryException(code, code.status(), code.message(), detail);
    }

    /** Refuses with {@code code} but the more specific HTTP {@code status}. */
    public static RegistryException withStatus(ErrorCode code, int status, Object detail) {
        return new RegistryException(code, status, code.message(), detail);
    }

    /** Refuses with {@code code}'s status but a message of its own, for errors whose clients show only the message. */
    public static RegistryException withMessage(ErrorCode code, String message, Object detail) {
        return new RegistryException(code, code.status(), message, detail);
    }

    public ErrorCode code() {
        return code;
    }

    public int status() {
        return status;
    }

    public Object detail() {
        return detail;
    }
}
