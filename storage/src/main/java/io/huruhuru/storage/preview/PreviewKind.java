package io.huruhuru.storage.preview;

import java.util.regex.Pattern;

/** What a kept report is of, named by the layer that keeps it (e.g. {@code image}); storage treats kinds alike. */
public record PreviewKind(String name) {

    private static final Pattern GRAMMAR = Pattern.compile("[a-z0-9]+(?:-[a-z0-9]+)*");
    private static final int MAX_LENGTH = 32;

    public PreviewKind {
        if (name == null || name.length() > MAX_LENGTH || !GRAMMAR.matcher(name).matches()) {
            throw new IllegalArgumentException("invalid preview kind: " + name);
        }
    }

    public static PreviewKind parse(String name) {
        return new PreviewKind(name);
    }

    @Override
    public String toString() {
        return name;
    }
}
