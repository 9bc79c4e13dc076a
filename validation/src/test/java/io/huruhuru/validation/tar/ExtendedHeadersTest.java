package io.huruhuru.validation.tar;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.huruhuru.validation.fixture.RawTar;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class ExtendedHeadersTest {

    private final TarBlock header = TarBlock.of(RawTar.header("short", '2', 7));
    private final ExtendedHeaders extended = new ExtendedHeaders();

    @Test
    void withoutExtendedHeadersTheUstarFieldsStand() throws Exception {
        assertEquals("short", extended.name(header));
        assertEquals("", extended.linkName(header));
        assertEquals(7, extended.size(7));
    }

    @Test
    void gnuLongNamesEndAtTheirNul() throws Exception {
        extended.add('L', bytes("long/name\0"));
        extended.add('K', bytes("long/target\0"));

        assertEquals("long/name", extended.name(header));
        assertEquals("long/target", extended.linkName(header));
    }

    @Test
    void paxSizeWinsOverTheHeaderSize() throws Exception {
        extended.add('L', bytes("gnu/a\0"));
        extended.add('x', bytes("11 size=99\n"));

        assertEquals("gnu/a", extended.name(header));
        assertEquals(99, extended.size(7));
    }

    @Test
    void paxPathAndGnuLongNameThatAgreeNameTheEntry() throws Exception {
        extended.add('x', bytes("14 path=pax/a\n"));
        extended.add('L', bytes("pax/a\0"));

        assertEquals("pax/a", extended.name(header));
    }

    @Test
    void paxPathAndGnuLongNameThatDisagreeAreRefused() throws Exception {
        // GNU tar would unpack pax/a, Go's archive/tar (containerd) gnu/a
        extended.add('x', bytes("14 path=pax/a\n"));
        extended.add('L', bytes("gnu/a\0"));

        TarDecodeException e = assertThrows(TarDecodeException.class, () -> extended.name(header));
        assertEquals(TarDecodeException.Part.EXTENDED_NAME, e.part());
    }

    @Test
    void disagreeingNamesAreQuotedShortened() throws Exception {
        String gnu = "g".repeat(5000);
        extended.add('L', bytes(gnu + "\0"));
        extended.add('x', bytes("9 path=p\n"));

        TarDecodeException e = assertThrows(TarDecodeException.class, () -> extended.name(header));

        assertEquals("GNU long name '" + "g".repeat(100) + "...' and PAX path 'p'", e.found());
    }

    @Test
    void paxLinkpathAndGnuLongLinkThatDisagreeAreRefused() throws Exception {
        extended.add('x', bytes("18 linkpath=pax/t\n"));
        extended.add('K', bytes("gnu/t\0"));

        TarDecodeException e = assertThrows(TarDecodeException.class, () -> extended.linkName(header));
        assertEquals(TarDecodeException.Part.EXTENDED_NAME, e.part());
    }

    @Test
    void globalPaxRecordsDoNotNameTheEntry() throws Exception {
        extended.add('g', bytes("14 path=pax/a\n"));

        assertEquals("short", extended.name(header));
    }

    private static byte[] bytes(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }
}
