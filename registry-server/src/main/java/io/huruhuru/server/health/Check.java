package io.huruhuru.server.health;

/**
 * The result of one readiness check.
 *
 * @param name the check's name, as {@code /readyz} reports it: {@code storage}, {@code disk} or {@code shutdown}
 * @param ok whether it passed
 * @param detail what it found, for the operator reading the body
 */
public record Check(String name, boolean ok, String detail) {

    static Check passed(String name, String detail) {
        return new Check(name, true, detail);
    }

    static Check failed(String name, String detail) {
        return new Check(name, false, detail);
    }
}
