package io.huruhuru.oci;

import java.util.regex.Pattern;

/** A tag: up to 128 characters of {@code [a-zA-Z0-9_][a-zA-Z0-9._-]*} (distribution-spec). */
public record Tag(String value) {

    private static final Pattern GRAMMAR = Pattern.compile("[a-zA-Z0-9_][a-zA-Z0-9._-]{0,127}");

    public Tag {
        if (value == null || !GRAMMAR.matcher(value).matches()) {
            throw new InvalidTagException("invalid tag: " + value);
        }
    }

    /** @throws InvalidTagException if {@code value} is not a tag */
    public static Tag parse(String value) {
        return new Tag(value);
    }

    public static boolean isValid(String value) {
        return value != null && GRAMMAR.matcher(value).matches();
    }

    @Override
    public String toString() {
        return value;
    }
}
