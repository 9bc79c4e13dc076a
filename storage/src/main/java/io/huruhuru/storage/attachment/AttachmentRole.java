package io.huruhuru.storage.attachment;

import java.util.regex.Pattern;

/**
 * What a record kept with a manifest is for, named by the layer that keeps it (e.g. {@code validation-report}); storage
 * treats every role alike.
 */
public record AttachmentRole(String name) {

    // Lowercase words joined by '-' or '.': no separator byte of a key can occur in it.
    private static final Pattern GRAMMAR = Pattern.compile("[a-z0-9]+(?:[.-][a-z0-9]+)*");
    private static final int MAX_LENGTH = 64;

    public AttachmentRole {
        if (name == null || name.length() > MAX_LENGTH || !GRAMMAR.matcher(name).matches()) {
            throw new IllegalArgumentException("invalid attachment role: " + name);
        }
    }

    /** @throws IllegalArgumentException if {@code name} is not lowercase words joined by {@code -} or {@code .} */
    public static AttachmentRole parse(String name) {
        return new AttachmentRole(name);
    }

    @Override
    public String toString() {
        return name;
    }
}
