package io.huruhuru.validation;

/** How much a violation matters: an error fails the validation, a warning is reported but passes. */
public enum Severity {
    ERROR("error"),
    WARNING("warning");

    private final String id;

    Severity(String id) {
        this.id = id;
    }

    /** The lower-case name used in reports. */
    public String id() {
        return id;
    }
}
