package io.huruhuru.oci;

import java.util.regex.Pattern;

/** A repository name as the distribution spec's {@code <name>} grammar allows it, e.g. {@code kos/apps/hello}. */
public record RepositoryName(String value) {

    // distribution-spec "Pulling manifests": path components of lowercase alphanumerics joined by separators.
    private static final Pattern GRAMMAR =
            Pattern.compile("[a-z0-9]+(?:(?:\\.|_|__|-+)[a-z0-9]+)*(?:/[a-z0-9]+(?:(?:\\.|_|__|-+)[a-z0-9]+)*)*");

    /** Many clients limit a host name plus repository name to 255 characters; so do we. */
    public static final int MAX_LENGTH = 255;

    public RepositoryName {
        if (!isValid(value)) {
            throw new InvalidRepositoryNameException("invalid repository name: " + value);
        }
    }

    /** @throws InvalidRepositoryNameException if {@code value} is not a repository name */
    public static RepositoryName parse(String value) {
        return new RepositoryName(value);
    }

    /** Whether {@code value} is a repository name. */
    public static boolean isValid(String value) {
        return value != null && value.length() <= MAX_LENGTH && GRAMMAR.matcher(value).matches();
    }

    @Override
    public String toString() {
        return value;
    }
}
