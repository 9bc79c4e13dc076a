package io.huruhuru.server.http;

/** A request the registry refuses, answered with one OCI error body by {@link FailureHandler}. */
public class RegistryException extends RuntimeException {

    private final ErrorCode code;
    private final Object detail;
    private final boolean validationRefusal;

    private RegistryException(ErrorCode code, String message, Object detail, boolean validationRefusal) {
        super(message);
        this.code = code;
        this.detail = detail;
        this.validationRefusal = validationRefusal;
    }

    private RegistryException(ErrorCode code, String message, Object detail) {
        this(code, message, detail, false);
    }

    /** A push that the koskit checks reject, kept apart from other refusals so that metrics can count it as such. */
    public static RegistryException validationRefusal(ErrorCode code, String message, Object detail) {
        return new RegistryException(code, message, detail, true);
    }

    /** Whether this is the refusal of a push by the koskit checks. */
    public boolean validationRefusal() {
        return validationRefusal;
    }

    /** Refuses with {@code code}'s message, with {@code detail} (a string or a JSON-able value). */
    public static RegistryException of(ErrorCode code, Object detail) {
        return new RegistryException(code, code.message(), detail);
    }

    /** Refuses with {@code code} but a message of its own, for errors whose clients show only the message. */
    public static RegistryException withMessage(ErrorCode code, String message, Object detail) {
        return new RegistryException(code, message, detail);
    }

    public ErrorCode code() {
        return code;
    }

    /** Always {@code code}'s status: a status is registered with its code, never chosen by a handler. */
    public int status() {
        return code.status();
    }

    public Object detail() {
        return detail;
    }
}
