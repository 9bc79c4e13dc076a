package io.huruhuru.sel4.picture;

import java.util.Locale;

/** Sizes in words ("1.0 MiB") and addresses in hex, formatted the same on every machine. */
final class Sizes {

    private static final String[] UNITS = {"KiB", "MiB", "GiB", "TiB", "PiB", "EiB"};

    private Sizes() {
    }

    static String words(long bytes) {
        if (bytes < 1024) {
            return bytes + " B";
        }
        double value = bytes;
        int unit = -1;
        while (value >= 1024 && unit < UNITS.length - 1) {
            value /= 1024;
            unit++;
        }
        return String.format(Locale.ROOT, "%.1f %s", value, UNITS[unit]);
    }

    static String hex(long address) {
        return "0x" + Long.toHexString(address);
    }

    /** "0x40000000-0x40200000": the half-open range as the report writes its ranges. */
    static String range(long start, long size) {
        return hex(start) + "-" + hex(start + size);
    }
}
