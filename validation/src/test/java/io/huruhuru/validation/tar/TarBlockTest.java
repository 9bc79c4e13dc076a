package io.huruhuru.validation.tar;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.huruhuru.validation.fixture.RawTar;
import io.huruhuru.validation.tar.TarDecodeException.Part;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

class TarBlockTest {

    @Test
    void decodesEveryFieldOfAValidUstarHeader() throws Exception {
        byte[] bytes = RawTar.header("etc/motd", '0', 5);
        put(bytes, 157, "target");
        RawTar.fixChecksum(bytes);

        TarBlock block = TarBlock.of(bytes);

        assertEquals("etc/motd", block.name());
        assertEquals("target", block.linkName());
        assertEquals('0', block.typeFlag());
        assertEquals(0644, block.mode());
        assertEquals(5, block.size());
        assertTrue(block.checksum().matches());
        assertFalse(block.isEndOfArchive());
    }

    @Test
    void joinsTheUstarPrefixToTheName() {
        byte[] bytes = RawTar.header("motd", '0', 0);
        put(bytes, 345, "usr/share/doc");

        TarBlock block = TarBlock.of(bytes);

        assertEquals("usr/share/doc/motd", block.name());
        assertEquals("motd", block.nameField());
    }

    @Test
    void ignoresThePrefixFieldOfAnOldGnuHeader() {
        byte[] bytes = RawTar.header("motd", '0', 0);
        put(bytes, 257, "ustar  \0");
        put(bytes, 345, "not-a-prefix");

        assertEquals("motd", TarBlock.of(bytes).name());
    }

    @Test
    void badChecksumGivesTheStoredValueAndTheComputedSum() throws Exception {
        byte[] bytes = RawTar.header("abc", '0', 1);
        long stored = TarBlock.of(bytes).checksum().stored();
        bytes[0] = 'x';

        TarBlock.Checksum checksum = TarBlock.of(bytes).checksum();

        assertFalse(checksum.matches());
        assertEquals(stored, checksum.stored());
        assertEquals(stored + ('x' - 'a'), checksum.unsigned());
    }

    @Test
    void checksumOfSignedBytesIsAccepted() throws Exception {
        byte[] bytes = RawTar.header("\u00e9", '0', 0);
        long signed = TarBlock.of(bytes).checksum().signed();
        put(bytes, 148, String.format("%06o\0 ", signed));

        assertTrue(TarBlock.of(bytes).checksum().matches());
    }

    @Test
    void checksumFieldThatIsNotANumberIsReported() {
        byte[] bytes = RawTar.header("a", '0', 0);
        put(bytes, 148, "garbage!");

        TarDecodeException e = assertThrows(TarDecodeException.class, () -> TarBlock.of(bytes).checksum());

        assertEquals(Part.CHECKSUM, e.part());
        assertEquals("'garbage!'", e.found());
    }

    @Test
    void base256SizeAboveTheOctalRangeIsDecoded() throws Exception {
        byte[] bytes = RawTar.header("big", '0', 0);
        Arrays.fill(bytes, 124, 136, (byte) 0);
        bytes[124] = (byte) 0x80;
        bytes[131] = 0x02; // 2 << 32: 8 GiB, above the 11 octal digits' 8 GiB - 1

        assertEquals(8L << 30, TarBlock.of(bytes).size());
    }

    @Test
    void negativeBase256SizeIsRejected() {
        byte[] bytes = RawTar.header("neg", '0', 0);
        bytes[124] = (byte) 0xff;

        TarDecodeException e = assertThrows(TarDecodeException.class, () -> TarBlock.of(bytes).size());

        assertEquals(Part.SIZE, e.part());
        assertEquals("negative base-256 number", e.found());
    }

    @Test
    void base256SizeAboveLongMaxIsRejected() {
        byte[] bytes = RawTar.header("huge", '0', 0);
        bytes[124] = (byte) 0x81;

        TarDecodeException e = assertThrows(TarDecodeException.class, () -> TarBlock.of(bytes).size());

        assertEquals("base-256 number above 2^63", e.found());
    }

    @Test
    void nonOctalDigitInTheSizeIsRejectedWithTheFieldText() {
        byte[] bytes = RawTar.header("a", '0', 0);
        put(bytes, 124, "00000000009\0");

        TarDecodeException e = assertThrows(TarDecodeException.class, () -> TarBlock.of(bytes).size());

        assertEquals(Part.SIZE, e.part());
        assertEquals("'00000000009'", e.found());
    }

    @Test
    void charactersAfterTheNumberAreRejected() {
        byte[] bytes = RawTar.header("a", '0', 0);
        put(bytes, 100, "644 x\0\0\0");

        TarDecodeException e = assertThrows(TarDecodeException.class, () -> TarBlock.of(bytes).mode());

        assertEquals(Part.MODE, e.part());
        assertEquals("characters after the number", e.found());
    }

    @Test
    void leadingSpacesAndNulsBeforeAnOctalNumberAreSkipped() throws Exception {
        byte[] bytes = RawTar.header("a", '0', 0);
        put(bytes, 124, "\0\0  0000017 ");

        assertEquals(15, TarBlock.of(bytes).size());
    }

    @Test
    void onlyAnAllZeroBlockEndsTheArchive() {
        byte[] bytes = new byte[TarBlock.SIZE];
        assertTrue(TarBlock.of(bytes).isEndOfArchive());

        bytes[511] = 1;
        assertFalse(TarBlock.of(bytes).isEndOfArchive());
    }

    @Test
    void paddingFillsTheLastBlock() {
        assertEquals(0, TarBlock.padding(0));
        assertEquals(511, TarBlock.padding(1));
        assertEquals(0, TarBlock.padding(512));
        assertEquals(1, TarBlock.padding(1023));
    }

    @Test
    void linksDirectoriesAndDevicesCarryNoData() {
        assertTrue(TarBlock.carriesData('0'));
        assertTrue(TarBlock.carriesData('\0'));
        assertTrue(TarBlock.carriesData('7'));
        assertTrue(TarBlock.carriesData('V'));
        for (char type : "123456".toCharArray()) {
            assertFalse(TarBlock.carriesData(type), "type " + type);
        }
    }

    @Test
    void typeNulEntryWhoseNameEndsWithASlashIsADirectory() {
        assertEquals('5', TarBlock.entryType('\0', "v7dir/"));
        assertEquals('\0', TarBlock.entryType('\0', "v7file"));
        // only the pre-POSIX type: Go's archive/tar keeps a type 0 entry a file whatever its name
        assertEquals('0', TarBlock.entryType('0', "odd/"));
    }

    @Test
    void malformedOwnerOrTimeFieldIsRejectedWithItsPart() {
        byte[] uid = RawTar.header("a", '0', 0);
        put(uid, 108, "root\0\0\0\0");
        byte[] gid = RawTar.header("a", '0', 0);
        put(gid, 116, "wheel\0\0\0");
        byte[] mtime = RawTar.header("a", '0', 0);
        put(mtime, 136, "yesterday!!\0");

        assertEquals(Part.UID, assertThrows(TarDecodeException.class,
                () -> TarBlock.of(uid).checkOwnerAndTime()).part());
        assertEquals(Part.GID, assertThrows(TarDecodeException.class,
                () -> TarBlock.of(gid).checkOwnerAndTime()).part());
        assertEquals(Part.MTIME, assertThrows(TarDecodeException.class,
                () -> TarBlock.of(mtime).checkOwnerAndTime()).part());
    }

    @Test
    void negativeBase256MtimeIsAValidTimeBefore1970() throws Exception {
        byte[] bytes = RawTar.header("a", '0', 0);
        Arrays.fill(bytes, 136, 148, (byte) 0xff);

        TarBlock.of(bytes).checkOwnerAndTime();
    }

    @Test
    void aBlockOfAnotherLengthIsRefused() {
        assertThrows(IllegalArgumentException.class, () -> TarBlock.of(new byte[100]));
    }

    private static void put(byte[] block, int offset, String text) {
        byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
        System.arraycopy(bytes, 0, block, offset, bytes.length);
    }
}
