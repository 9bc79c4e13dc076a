package io.huruhuru.sel4.report;

/** Addresses in reports are written as 0x-prefixed lower-case hex, as the kernel prints them. */
public final class Hex {
    private Hex() {
    }

    public static String of(long value) {
        return "0x" + Long.toHexString(value);
    }
}
