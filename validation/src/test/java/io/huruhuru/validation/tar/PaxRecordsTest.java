package io.huruhuru.validation.tar;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.huruhuru.validation.tar.TarDecodeException.Part;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class PaxRecordsTest {

    @Test
    void keepsPathLinkpathAndSizeAndIgnoresOtherKeys() throws Exception {
        byte[] data = bytes("30 mtime=1700000000.123456789\n9 path=a\n14 linkpath=b\n11 size=42\n");

        PaxRecords pax = PaxRecords.parse(data);

        assertEquals(new PaxRecords("a", "b", 42L), pax);
    }

    @Test
    void aLaterRecordReplacesAnEarlierOne() throws Exception {
        assertEquals("b", PaxRecords.parse(bytes("9 path=a\n9 path=b\n")).path());
    }

    @Test
    void aNulWhereARecordWouldStartEndsTheRecords() throws Exception {
        assertEquals(new PaxRecords("a", null, null), PaxRecords.parse(bytes("9 path=a\n\0junk")));
    }

    @Test
    void lengthBeyondTheDataIsMalformed() {
        TarDecodeException e = assertThrows(TarDecodeException.class, () -> PaxRecords.parse(bytes("99 path=x\n")));

        assertEquals(Part.PAX_RECORD, e.part());
        assertEquals("record at byte 0", e.found());
    }

    @Test
    void malformedSecondRecordIsReportedAtItsOffset() {
        TarDecodeException e = assertThrows(TarDecodeException.class,
                () -> PaxRecords.parse(bytes("9 path=a\njunk\n")));

        assertEquals("record at byte 9", e.found());
    }

    @Test
    void recordWithoutAnEqualsSignIsMalformed() {
        TarDecodeException e = assertThrows(TarDecodeException.class, () -> PaxRecords.parse(bytes("6 abc\n")));

        assertEquals(Part.PAX_RECORD, e.part());
        assertEquals("record without '=' at byte 0", e.found());
    }

    @Test
    void negativeSizeIsNotAValidSize() {
        TarDecodeException e = assertThrows(TarDecodeException.class, () -> PaxRecords.parse(bytes("11 size=-1\n")));

        assertEquals(Part.PAX_SIZE, e.part());
        assertEquals("'-1'", e.found());
    }

    @Test
    void sizeOfNineteenDigitsIsNotAValidSize() {
        String digits = "1".repeat(19);

        TarDecodeException e = assertThrows(TarDecodeException.class,
                () -> PaxRecords.parse(bytes("28 size=" + digits + "\n")));

        assertEquals("'" + digits + "'", e.found());
    }

    private static byte[] bytes(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }
}
