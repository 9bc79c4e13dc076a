package io.huruhuru.storage.preview;

import java.util.regex.Pattern;

/**
 * The name of a kept report, chosen by the layer that computes it (a digest of the report's inputs, say); lowercase
 * letters and digits only, so that no separator byte of a key can occur in it.
 */
public record PreviewId(String value) {

    private static final Pattern GRAMMAR = Pattern.compile("[a-z0-9]{16,128}");

    public PreviewId {
        if (value == null || !GRAMMAR.matcher(value).matches()) {
            throw new IllegalArgumentException("invalid preview id: " + value);
        }
    }

    /** @throws IllegalArgumentException if {@code value} is not 16 to 128 lowercase letters and digits */
    public static PreviewId parse(String value) {
        return new PreviewId(value);
    }

    @Override
    public String toString() {
        return value;
    }
}
