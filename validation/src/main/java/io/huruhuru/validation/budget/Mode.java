package io.huruhuru.validation.budget;

/** What a failed validation does: {@code enforce} refuses the image, {@code warn} accepts it and keeps the report. */
public enum Mode {
    ENFORCE("enforce"),
    WARN("warn");

    private final String id;

    Mode(String id) {
        this.id = id;
    }

    public String id() {
        return id;
    }
}
