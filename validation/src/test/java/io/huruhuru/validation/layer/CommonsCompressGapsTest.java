package io.huruhuru.validation.layer;

import static io.huruhuru.validation.fixture.HeaderBlock.concat;
import static io.huruhuru.validation.fixture.HeaderBlock.data;
import static io.huruhuru.validation.fixture.HeaderBlock.gnuLong;
import static io.huruhuru.validation.fixture.HeaderBlock.pax;
import static io.huruhuru.validation.fixture.HeaderBlock.paxRecords;
import static io.huruhuru.validation.fixture.HeaderBlock.ustar;
import static io.huruhuru.validation.fixture.HeaderBlock.zeros;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;

import io.huruhuru.validation.RuleId;
import java.io.ByteArrayInputStream;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveInputStream;
import org.junit.jupiter.api.Test;

/**
 * The reasons we read layers with our own {@link TarReader} rather than commons-compress's
 * {@code TarArchiveInputStream}, each pinned against the library version we have: should an upgrade fix one, its
 * test fails and the choice (validation/README.md, "Tar reading") is worth weighing again.
 */
class CommonsCompressGapsTest {

    private static final byte[] A = concat(ustar("a.txt", '0', 5).bytes(), data("hello"));
    private static final byte[] B = concat(ustar("b.txt", '0', 3).bytes(), data("bye"));

    private static List<String> commonsNames(byte[] archive) throws Exception {
        List<String> names = new ArrayList<>();
        try (TarArchiveInputStream in = new TarArchiveInputStream(new ByteArrayInputStream(archive))) {
            for (TarArchiveEntry e = in.getNextEntry(); e != null; e = in.getNextEntry()) {
                names.add(e.getName());
            }
        }
        return names;
    }

    private static RuleId oursRefusesWith(byte[] archive) throws Exception {
        TarReader reader = new TarReader(new ByteArrayInputStream(archive), ReadLimits.DEFAULT);
        try {
            while (reader.next() != null) {
                // read to the end or to the first refusal
            }
            return null;
        } catch (TarFormatException e) {
            return e.violation().rule();
        }
    }

    @Test
    void archiveCutInsideAHeaderLooksCompleteToCommonsCompress() throws Exception {
        byte[] cut = concat(A, Arrays.copyOf(B, 300));

        assertEquals(List.of("a.txt"), commonsNames(cut));
        assertEquals(RuleId.LAYER_TRUNCATED, oursRefusesWith(cut));
    }

    @Test
    void badHeaderChecksumIsOnlyAFlagInCommonsCompress() throws Exception {
        byte[] bad = concat(ustar("a.txt", '0', 5).brokenChecksum().bytes(), data("hello"), zeros(2));

        try (TarArchiveInputStream in = new TarArchiveInputStream(new ByteArrayInputStream(bad))) {
            TarArchiveEntry entry = in.getNextEntry();
            assertFalse(entry.isCheckSumOK());
            assertNull(in.getNextEntry());
        }
        assertEquals(RuleId.LAYER_TAR_HEADER, oursRefusesWith(bad));
    }

    @Test
    void globalPaxPathRenamesEveryLaterEntryInCommonsCompress() throws Exception {
        // containerd ignores global headers: the runtime unpacks a.txt and b.txt
        byte[] archive = concat(pax('g', paxRecords("path=global.txt")), A, B, zeros(2));

        assertEquals(List.of("global.txt", "global.txt"), commonsNames(archive));
        assertNull(oursRefusesWith(archive));
    }

    @Test
    void commonsCompressSkipsDataAfterASymlinkWhereContainerdReadsTheNextHeader() throws Exception {
        // Go's archive/tar reads the block after a symlink as a header, whatever its size field says: here a.txt
        byte[] archive = concat(ustar("l", '2', 512 + 512).link("x").bytes(), A, B, zeros(2));

        assertEquals(List.of("l", "b.txt"), commonsNames(archive));
        TarReader reader = new TarReader(new ByteArrayInputStream(archive), ReadLimits.DEFAULT);
        assertEquals("l", reader.next().name());
        assertEquals("a.txt", reader.next().name());
        assertEquals("b.txt", reader.next().name());
        assertNull(reader.next());
    }

    @Test
    void commonsCompressNamesAnEntryByWhicheverOfGnuLongNameAndPaxPathComesFirst() throws Exception {
        byte[] gnuFirst = concat(gnuLong('L', "from-gnu"), pax('x', paxRecords("path=from-pax")), A, zeros(2));
        byte[] paxFirst = concat(pax('x', paxRecords("path=from-pax")), gnuLong('L', "from-gnu"), A, zeros(2));

        assertEquals(List.of("from-gnu"), commonsNames(gnuFirst));
        assertEquals(List.of("from-pax"), commonsNames(paxFirst));
        assertEquals(RuleId.LAYER_TAR_HEADER, oursRefusesWith(gnuFirst));
        assertEquals(RuleId.LAYER_TAR_HEADER, oursRefusesWith(paxFirst));
    }
}
