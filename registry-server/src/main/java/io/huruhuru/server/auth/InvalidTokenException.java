package io.huruhuru.server.auth;

/** A bearer token that is not accepted: malformed, unsigned, signed by an unknown key, expired or for elsewhere. */
public final class InvalidTokenException extends Exception {

    public InvalidTokenException(String reason) {
        super(reason);
    }
}
