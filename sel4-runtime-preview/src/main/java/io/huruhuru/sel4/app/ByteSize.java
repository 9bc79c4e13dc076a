package io.huruhuru.sel4.app;

import java.math.BigDecimal;
import java.math.RoundingMode;

/** Byte counts in the words people read them in: "4 KiB", "1.14 GiB", "300,000 pages". */
public final class ByteSize {

    private static final String[] UNITS = {"bytes", "KiB", "MiB", "GiB", "TiB", "PiB", "EiB"};

    private ByteSize() {
    }

    /** Binary units with one or two decimals ("1.0 GiB", "1.14 GiB", "64.0 KiB", "0.98 KiB"). */
    public static String text(long bytes) {
        if (bytes < 1000) {
            return bytes + (bytes == 1 ? " byte" : " bytes");
        }
        int unit = 0;
        BigDecimal value = BigDecimal.valueOf(bytes);
        BigDecimal k = BigDecimal.valueOf(1024);
        // From 1000 of a unit on, the next unit reads better: "1.0 GiB" rather than "1020.85 MiB".
        while (value.compareTo(BigDecimal.valueOf(1000)) >= 0 && unit < UNITS.length - 1) {
            value = value.divide(k);
            unit++;
        }
        BigDecimal rounded = value.setScale(2, RoundingMode.HALF_UP).stripTrailingZeros();
        return (rounded.scale() < 1 ? rounded.setScale(1) : rounded).toPlainString() + " " + UNITS[unit];
    }

    /** A count with thousands separators, independent of the locale: "300,000". */
    public static String count(long n) {
        return String.format(java.util.Locale.ROOT, "%,d", n);
    }
}
