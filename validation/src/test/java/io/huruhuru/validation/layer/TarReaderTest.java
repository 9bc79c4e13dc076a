package io.huruhuru.validation.layer;

import static io.huruhuru.validation.fixture.Expect.exactly;
import static io.huruhuru.validation.fixture.Expect.v;
import static io.huruhuru.validation.fixture.HeaderBlock.concat;
import static io.huruhuru.validation.fixture.HeaderBlock.data;
import static io.huruhuru.validation.fixture.HeaderBlock.gnuLong;
import static io.huruhuru.validation.fixture.HeaderBlock.pax;
import static io.huruhuru.validation.fixture.HeaderBlock.paxRecords;
import static io.huruhuru.validation.fixture.HeaderBlock.ustar;
import static io.huruhuru.validation.fixture.HeaderBlock.zeros;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.huruhuru.validation.RuleId;
import java.io.ByteArrayInputStream;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The tar reader's reading of archives the differential test against GNU tar found it misread. */
class TarReaderTest {

    private static TarReader reader(byte[]... parts) {
        return new TarReader(new ByteArrayInputStream(concat(parts)), ReadLimits.DEFAULT);
    }

    @Test
    void typeNulEntryWhoseNameEndsWithASlashIsADirectoryWithoutData() throws Exception {
        // a size field on it is not followed by data, as for any directory
        TarReader tar = reader(ustar("v7dir/", '\0', 5).bytes(), ustar("b", '0', 3).bytes(), data("bye"), zeros(2));

        assertEquals('5', tar.next().typeFlag());
        TarHeader next = tar.next();
        assertEquals("b", next.name());
        assertEquals(3, next.size());
        assertNull(tar.next());
    }

    @Test
    void typeNulEntryNamedADirectoryByItsPaxPathIsADirectory() throws Exception {
        TarReader tar = reader(pax('x', paxRecords("path=long/dir/")), ustar("x", '\0', 0).bytes(), zeros(2));

        TarHeader header = tar.next();

        assertEquals("long/dir/", header.name());
        assertEquals('5', header.typeFlag());
    }

    @Test
    void malformedMtimeIsATarHeaderViolation() {
        TarReader tar = reader(ustar("t", '0', 5).field(136, "yesterday!!\0").bytes(), data("hello"), zeros(2));

        TarFormatException e = assertThrows(TarFormatException.class, tar::next);

        exactly(List.of(e.violation()),
                v(RuleId.LAYER_TAR_HEADER, "/t", "an octal or base-256 number", "'yesterday!!'"));
    }

    @Test
    void malformedUidIsATarHeaderViolation() {
        TarReader tar = reader(ustar("u", '0', 5).field(108, "root\0\0\0\0").bytes(), data("hello"), zeros(2));

        TarFormatException e = assertThrows(TarFormatException.class, tar::next);

        exactly(List.of(e.violation()), v(RuleId.LAYER_TAR_HEADER, "/u", "an octal or base-256 number", "'root'"));
    }

    @Test
    void gnuLongNameAndPaxPathThatDisagreeAreATarHeaderViolation() {
        TarReader tar = reader(gnuLong('L', "bin/hello"), pax('x', paxRecords("path=decoy")),
                ustar("x", '0', 0).bytes(), zeros(2));

        TarFormatException e = assertThrows(TarFormatException.class, tar::next);

        exactly(List.of(e.violation()), v(RuleId.LAYER_TAR_HEADER, "/x", "one name",
                "GNU long name 'bin/hello' and PAX path 'decoy'"));
    }
}
