package io.huruhuru.server.auth;

/** A bearer token that is not accepted: malformed, unsigned, signed by an unknown key, expired or for elsewhere. */
public final class InvalidTokenException extends Exception {

    private final boolean outOfTime;

    public InvalidTokenException(String reason) {
        this(reason, false);
    }

    private InvalidTokenException(String reason, boolean outOfTime) {
        super(reason);
        this.outOfTime = outOfTime;
    }

    /** A genuine token used after it expired or before it is valid: no guess, so not counted as a failure. */
    static InvalidTokenException outOfTime(String reason) {
        return new InvalidTokenException(reason, true);
    }

    public boolean outOfTime() {
        return outOfTime;
    }
}
