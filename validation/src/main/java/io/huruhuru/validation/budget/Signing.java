package io.huruhuru.validation.budget;

/** Which accepted manifests of a rule's repositories the registry signs. */
public enum Signing {
    /** Every accepted image manifest and index (the default, also where no rule applies). */
    ALL("all"),
    /** Only koskit images whose validation passed (no error, whatever the mode). */
    VALIDATED("validated"),
    NONE("none");

    private final String id;

    Signing(String id) {
        this.id = id;
    }

    public String id() {
        return id;
    }
}
