package io.huruhuru.sel4.app;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class ByteSizeTest {

    @Test
    void sizesReadInBinaryUnitsWithOneOrTwoDecimals() {
        assertEquals("512 bytes", ByteSize.text(512));
        assertEquals("1 byte", ByteSize.text(1));
        assertEquals("4.0 KiB", ByteSize.text(4096));
        assertEquals("64.0 KiB", ByteSize.text(65536));
        assertEquals("1.14 GiB", ByteSize.text(300_000L * 4096));
        assertEquals("0.98 KiB", ByteSize.text(1000));
    }

    @Test
    void fromAThousandOfAUnitTheNextUnitIsUsed() {
        assertEquals("1.0 GiB", ByteSize.text(1_070_434_176L));
    }

    @Test
    void countsHaveThousandsSeparatorsWhateverTheLocale() {
        assertEquals("300,000", ByteSize.count(300_000));
    }
}
