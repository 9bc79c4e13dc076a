package io.huruhuru.validation.tar;

import java.util.Locale;

/**
 * A header field or PAX record that cannot be decoded; each reader turns it into its own kind of error.
 *
 * <p>{@link #found()} describes the offending bytes for a report, e.g. {@code "negative base-256 number"}.
 */
public final class TarDecodeException extends Exception {

    /** The part of the header that failed to decode. */
    public enum Part {
        MODE, SIZE, CHECKSUM, UID, GID, MTIME, PAX_RECORD, PAX_SIZE, EXTENDED_NAME;

        /** The part as a report names it: {@code "size"}, {@code "pax record"}. */
        public String label() {
            return name().toLowerCase(Locale.ROOT).replace('_', ' ');
        }
    }

    private final Part part;
    private final String found;

    TarDecodeException(Part part, String found) {
        super("invalid tar " + part.label() + ": " + found);
        this.part = part;
        this.found = found;
    }

    public Part part() {
        return part;
    }

    public String found() {
        return found;
    }
}
