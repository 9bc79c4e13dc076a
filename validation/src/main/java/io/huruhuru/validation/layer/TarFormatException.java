package io.huruhuru.validation.layer;

import io.huruhuru.validation.RuleId;
import io.huruhuru.validation.Violation;

/** A tar stream that cannot be read further: the violation it becomes is carried along. */
final class TarFormatException extends Exception {

    private final transient Violation violation;

    TarFormatException(RuleId rule, String where, String message, String expected, String found) {
        super(message);
        this.violation = rule.violation(where, message, expected, found);
    }

    Violation violation() {
        return violation;
    }
}
