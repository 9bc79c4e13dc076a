package io.huruhuru.validation.archive;

import static io.huruhuru.validation.fixture.RawTar.concat;
import static io.huruhuru.validation.fixture.RawTar.header;
import static io.huruhuru.validation.fixture.RawTar.padded;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.huruhuru.validation.ImageSourceException;
import io.huruhuru.validation.fixture.ImageArchives;
import io.huruhuru.validation.fixture.RawTar;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Arrays;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** An image archive's headers are read as layers' are, and as Go's archive/tar (containerd, Docker) reads them. */
class TarScannerTest {

    @TempDir
    Path dir;

    private Path archive(byte[] tar) {
        return ImageArchives.write(dir.resolve("app.tar"), tar);
    }

    private String indexError(byte[] tar) {
        Path file = archive(tar);
        return assertThrows(ImageSourceException.class, () -> TarIndex.open(file).close()).getMessage();
    }

    private static byte[] bytes(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }

    private static byte[] withField(byte[] header, int offset, String value) {
        System.arraycopy(bytes(value), 0, header, offset, value.length());
        RawTar.fixChecksum(header);
        return header;
    }

    @Test
    void typeNulEntryWhoseNameEndsWithASlashIsADirectoryWithoutData() throws Exception {
        // given a pre-POSIX directory whose size field claims a block: Go's archive/tar reads the next header there
        Path file = archive(concat(header("dir/", '\0', 512), header("a", '0', 1), padded(bytes("x"))));

        // when
        try (TarIndex index = TarIndex.open(file)) {
            // then
            assertFalse(index.contains("dir"));
            assertEquals("x", new String(index.read("a", 10), StandardCharsets.UTF_8));
        }
    }

    @Test
    void malformedUidFieldIsRefused() {
        assertEquals("app.tar is corrupt: the header at byte 0 has an invalid uid field",
                indexError(withField(header("a", '0', 0), 108, "root\0\0\0\0")));
    }

    @Test
    void malformedGidFieldIsRefused() {
        assertEquals("app.tar is corrupt: the header at byte 0 has an invalid gid field",
                indexError(withField(header("a", '0', 0), 116, "wheel\0\0\0")));
    }

    @Test
    void malformedMtimeFieldIsRefused() {
        assertEquals("app.tar is corrupt: the header at byte 0 has an invalid mtime field",
                indexError(withField(header("a", '0', 0), 136, "yesterday!!\0")));
    }

    @Test
    void malformedOwnerInAnExtendedHeaderIsRefused() {
        // Go's archive/tar decodes every header's fields, a PAX header's as an entry's
        byte[] pax = RawTar.paxNamedEmptyFile("a");
        byte[] paxHeader = withField(Arrays.copyOf(pax, 512), 108, "root\0\0\0\0");
        System.arraycopy(paxHeader, 0, pax, 0, paxHeader.length);

        assertEquals("app.tar is corrupt: the header at byte 0 has an invalid uid field", indexError(pax));
    }

    @Test
    void negativeBase256MtimeIsATimeBefore1970() throws Exception {
        byte[] h = header("a", '0', 0);
        Arrays.fill(h, 136, 148, (byte) 0xff);
        RawTar.fixChecksum(h);

        try (TarIndex index = TarIndex.open(archive(h))) {
            assertTrue(index.contains("a"));
        }
    }

    @Test
    void gnuLongNameAndPaxPathThatDisagreeAreRefused() {
        // given a GNU long name 'a' then a PAX path 'b' for the same entry (at byte 2048)
        byte[] longName = bytes("a\0");
        byte[] tar = concat(header("././@LongLink", 'L', longName.length), padded(longName),
                RawTar.paxNamedEmptyFile("b"));

        assertEquals("app.tar is corrupt: the entry at byte 2048 has a GNU long name and a PAX record that disagree "
                + "(GNU long name 'a' and PAX path 'b')", indexError(tar));
    }

    @Test
    void gnuLongNameAndPaxPathThatAgreeNameTheEntry() throws Exception {
        byte[] longName = bytes("b\0");
        Path file = archive(concat(header("././@LongLink", 'L', longName.length), padded(longName),
                RawTar.paxNamedEmptyFile("b")));

        try (TarIndex index = TarIndex.open(file)) {
            assertTrue(index.contains("b"));
            assertFalse(index.contains("x"));
        }
    }
}
