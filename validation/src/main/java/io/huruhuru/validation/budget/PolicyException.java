package io.huruhuru.validation.budget;

/** A policy file that cannot be used; the message names the offending element ({@code rules[0].limits.memory}). */
public class PolicyException extends Exception {

    public PolicyException(String message) {
        super(message);
    }

    public PolicyException(String message, Throwable cause) {
        super(message, cause);
    }
}
