package io.huruhuru.validation;

import java.util.Objects;

/**
 * One broken rule: which rule, how bad, where (a label key, a rootfs path, a spec key, a layer or a limit),
 * a sentence for people, and what was expected against what was found.
 *
 * <p>{@code expected} and {@code found} are short values, never sentences; {@code found} is {@code "(absent)"}
 * when the thing is missing.
 */
public record Violation(RuleId rule, Severity severity, String where, String message, String expected, String found) {

    /** The text used for a value that is not there. */
    public static final String ABSENT = "(absent)";

    public Violation {
        Objects.requireNonNull(rule, "rule");
        Objects.requireNonNull(severity, "severity");
        where = where == null ? "" : where;
        Objects.requireNonNull(message, "message");
        expected = expected == null ? "" : expected;
        found = found == null ? "" : found;
    }

    /** The rule's stable id, e.g. {@code label.range}. */
    public String ruleId() {
        return rule.id();
    }

    @Override
    public String toString() {
        return severity.id() + " " + rule.id() + " at " + where + ": " + message + " (expected " + expected + ", found "
                + found + ")";
    }
}
