package io.huruhuru.validation.layer;

import static io.huruhuru.validation.fixture.HeaderBlock.concat;
import static io.huruhuru.validation.fixture.HeaderBlock.data;
import static io.huruhuru.validation.fixture.HeaderBlock.gnuLong;
import static io.huruhuru.validation.fixture.HeaderBlock.pax;
import static io.huruhuru.validation.fixture.HeaderBlock.paxRecords;
import static io.huruhuru.validation.fixture.HeaderBlock.ustar;
import static io.huruhuru.validation.fixture.HeaderBlock.zeros;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Feeds the same hand-made odd and hostile archives to our {@link TarReader} and to GNU tar, and checks that both see
 * the same entries (names, types, file sizes, link targets) or both refuse. Where we deliberately differ, the case
 * says so and why; a listed difference that disappears fails the test too, so the list stays true.
 */
class TarDifferentialTest {


    /** One archive; {@code difference} is null when both readers must agree, else why they must not. */
    private record Case(String name, byte[] archive, String difference) {
    }

    private static final List<Case> CASES = new ArrayList<>();

    private static void agree(String name, byte[]... parts) {
        CASES.add(new Case(name, concat(parts), null));
    }

    private static void differ(String name, String reason, byte[]... parts) {
        CASES.add(new Case(name, concat(parts), reason));
    }

    private static byte[] file(String name, String content) {
        return concat(ustar(name, '0', content.length()).bytes(), data(content));
    }

    private static final String GO_TAR = "Go's archive/tar (containerd, Docker) ";
    private static final String HEADER_ONLY = GO_TAR + "and we read links, devices, fifos and directories as "
            + "header-only: the block after one is the next header, so the data is refused as a bad header; GNU tar "
            + "skips size bytes of data after any type but directories and hard links";
    private static final byte[] END = zeros(2);
    private static final byte[] A = file("a.txt", "hello");
    private static final byte[] B = file("b.txt", "bye");
    private static final String LONG = "dir-with-a-long-name/".repeat(8) + "file.txt";

    static {
        // ends and truncation
        differ("empty archive (no bytes at all)", "an empty stream is an empty layer to " + GO_TAR
                + "and to us; GNU tar wants at least one block");
        agree("only the two end blocks", END);
        agree("two files and both end blocks", A, B, END);
        agree("no end blocks: ends at a header boundary", A, B);
        agree("one end block of two", A, zeros(1));
        agree("one zero block, then a header: the archive ends there", A, zeros(1), B, END);
        agree("junk after the end blocks", A, END, "junk".repeat(200).getBytes(StandardCharsets.US_ASCII));
        differ("truncated inside the second header", "we refuse a layer cut inside a header (layer.truncated), as "
                + GO_TAR + "does (unexpected EOF); GNU tar takes the short block as the end",
                A, Arrays.copyOf(B, 300));
        agree("truncated inside the data", ustar("big", '0', 5000).bytes(), data(new byte[1024]));
        agree("truncated inside the padding", ustar("p", '0', 5).bytes(), "hello".getBytes(StandardCharsets.US_ASCII));
        agree("size larger than the data: the next header is swallowed", ustar("liar", '0', 700).bytes(),
                data("short"), B, END);
        agree("size smaller than the data: data read as a header", ustar("liar", '0', 5).bytes(),
                data("x".repeat(1024)), B, END);
        // checksums
        agree("bad checksum in the first header", ustar("a.txt", '0', 5).brokenChecksum().bytes(), data("hello"),
                END);
        agree("bad checksum in the second header", A, ustar("b.txt", '0', 3).brokenChecksum().bytes(), data("bye"),
                END);
        agree("checksum as a sum of signed bytes", ustar("caf\u00e9-\u00fc.txt", '0', 5).signedChecksum().bytes(),
                data("hello"), END);
        // entry types
        agree("directory, symlink, hard link, fifo, devices",
                ustar("d/", '5', 0).bytes(), ustar("d/l", '2', 0).link("../a.txt").bytes(), A,
                ustar("d/h", '1', 0).link("a.txt").bytes(), ustar("d/p", '6', 0).bytes(),
                ustar("d/c", '3', 0).field(329, "0000001\0").field(337, "0000003\0").bytes(),
                ustar("d/b", '4', 0).field(329, "0000007\0").field(337, "0000000\0").bytes(), END);
        agree("contiguous file (type 7)", ustar("c7", '7', 5).bytes(), data("hello"), END);
        agree("unknown type with data", ustar("z", 'Z', 5).bytes(), data("hello"), B, END);
        agree("ustar prefix joined to the name", ustar("motd", '0', 5).prefix("usr/share/doc").bytes(),
                data("hello"), END);
        agree("old GNU magic: the prefix field is not a prefix", ustar("motd", '0', 5).gnuMagic().bytes(),
                data("hello"), END);
        // numbers
        agree("base-256 size", ustar("b256", '0', 0).base256Size(5).bytes(), data("hello"), END);
        agree("huge base-256 size without the data", ustar("huge", '0', 0).base256Size(1L << 40).bytes(),
                data("hello"), END);
        agree("negative base-256 size", ustar("neg", '0', 0).negativeSize().bytes(), data("hello"), END);
        agree("size with leading spaces, space-terminated", ustar("s", '0', 0).sizeField("        5 \0").bytes(),
                data("hello"), END);
        agree("size NUL-padded after the digits", ustar("s", '0', 0).sizeField("5").bytes(), data("hello"), END);
        agree("size of 12 digits without terminator", ustar("s", '0', 0).sizeField("000000000005").bytes(),
                data("hello"), END);
        agree("size field all NULs", ustar("s", '0', 0).sizeField("").bytes(), B, END);
        differ("size with leading NULs", GO_TAR + "and we trim NULs and spaces around an octal number and read 5; "
                + "GNU tar skips one NUL only, reads 0 and loses the data as a bad header",
                ustar("s", '0', 0).sizeField("\0\0\0\0\0\0\0\0\0\0" + "5").bytes(),
                data("hello"), END);
        agree("size with a space between digits", ustar("s", '0', 0).sizeField("0000000 5\0").bytes(),
                data("hello"), END);
        agree("size with a non-octal digit", ustar("s", '0', 0).sizeField("00000000009\0").bytes(),
                data("123456789"), END);
        agree("mode field not a number", ustar("m", '0', 5).field(100, "rwxr-x\0\0").bytes(), data("hello"), END);
        agree("mtime field not a number", ustar("t", '0', 5).field(136, "yesterday!!\0").bytes(), data("hello"),
                END);
        agree("negative base-256 mtime (before 1970)", ustar("old", '0', 5).field(136, "\u00ff".repeat(12)).bytes(),
                data("hello"), END);
        agree("uid field not a number", ustar("u", '0', 5).field(108, "root\0\0\0\0").bytes(), data("hello"), END);
        // PAX
        agree("PAX path (a long name)", pax('x', paxRecords("path=" + LONG)), file("short", "hello"), END);
        agree("PAX linkpath", pax('x', paxRecords("linkpath=" + LONG)), ustar("l", '2', 0).link("x").bytes(), END);
        agree("PAX size overrides the header size", pax('x', paxRecords("size=5")), ustar("s", '0', 0).bytes(),
                data("hello"), END);
        agree("PAX size smaller than the header size", pax('x', paxRecords("size=5")), ustar("s", '0', 700).bytes(),
                data("hello"), B, END);
        agree("PAX size huge, the data missing", pax('x', paxRecords("size=1099511627776")), ustar("s", '0', 0).bytes(),
                data("hello"), END);
        agree("PAX header claiming 2^40 bytes", ustar("PaxHeaders/x", 'x', 0).base256Size(1L << 40).bytes(), A, END);
        agree("PAX size not a number", pax('x', paxRecords("size=5k")), A, END);
        agree("PAX size negative", pax('x', paxRecords("size=-5")), A, END);
        agree("PAX size of 19 digits", pax('x', paxRecords("size=1000000000000000000")), A, END);
        agree("two PAX headers: the later path wins", pax('x', paxRecords("path=first")),
                pax('x', paxRecords("path=second")), A, END);
        agree("PAX unknown keyword", pax('x', paxRecords("huruhuru.flavour=mint", "path=x.txt")), A, END);
        agree("PAX record length too short", pax('x', "5 path=abc\n".getBytes(StandardCharsets.US_ASCII)), A, END);
        agree("PAX record length past the data", pax('x', "99 path=abc\n".getBytes(StandardCharsets.US_ASCII)), A,
                END);
        agree("PAX record length not a number", pax('x', "x1 path=abc\n".getBytes(StandardCharsets.US_ASCII)), A,
                END);
        agree("PAX record without '='", pax('x', paxRecords("pathabc")), A, END);
        agree("PAX records followed by NULs", pax('x', concat(paxRecords("path=x.txt"), new byte[7])), A, END);
        agree("PAX path empty", pax('x', paxRecords("path=")), A, END);
        agree("PAX path in UTF-8", pax('x', paxRecords("path=\u65e5\u672c/\u00e9t\u00e9.txt")), A, END);
        agree("PAX header and then the end of the archive", A, pax('x', paxRecords("path=x")), END);
        agree("PAX header and then the end of the stream", A, pax('x', paxRecords("path=x")));
        agree("global PAX header with a comment", pax('g', paxRecords("comment=hi")), A, END);
        differ("global PAX header with a path", GO_TAR + "returns a global header as an entry of its own, which "
                + "containerd ignores, so we apply none of it; GNU tar renames every later entry",
                pax('g', paxRecords("path=global.txt")), A, B, END);
        // GNU long names
        agree("GNU long name", gnuLong('L', LONG), A, END);
        agree("GNU long link name", gnuLong('K', LONG), ustar("l", '2', 0).link("x").bytes(), END);
        agree("GNU long name and long link on a hard link", gnuLong('L', LONG), gnuLong('K', LONG + ".orig"),
                ustar("h", '1', 0).link("x").bytes(), END);
        agree("GNU long name and PAX path that agree", gnuLong('L', "same"), pax('x', paxRecords("path=same")), A,
                END);
        differ("GNU long name and PAX path that disagree", "we refuse (layer.tar-header): GNU tar takes the PAX "
                + "path, " + GO_TAR + "the GNU name, so we cannot know which file a runtime unpacks",
                gnuLong('L', "from-gnu"), pax('x', paxRecords("path=from-pax")), A, END);
        agree("GNU long name without its NUL", concat(ustar("././@LongLink", 'L', 6).gnuMagic().bytes(),
                data("abcdef")), A, END);
        agree("GNU long name and then the end of the archive", A, gnuLong('L', LONG), END);
        // lying sizes of header-only types
        differ("symlink with a size and data", HEADER_ONLY, ustar("l", '2', 5).link("x").bytes(), data("hello"), B,
                END);
        agree("hard link with a size and data", ustar("h", '1', 5).link("a.txt").bytes(), data("hello"), B, END);
        agree("hard link with a size", ustar("h", '1', 5).link("a.txt").bytes(), B, END);
        agree("directory with a size", ustar("d/", '5', 5).bytes(), B, END);
        differ("fifo with a size and data", HEADER_ONLY, ustar("p", '6', 5).bytes(), data("hello"), B, END);
        agree("V7 file (type NUL) whose name ends with a slash", ustar("v7dir/", '\0', 0).bytes(), A, END);
        differ("regular file (type 0) whose name ends with a slash", "only a type NUL entry with a trailing slash is a "
                + "directory to " + GO_TAR + "and to us; GNU tar makes a directory of type 0 too",
                ustar("odd/", '0', 0).bytes(), A, END);
        differ("old GNU sparse file", "we do not expand sparse files: type S is reported as an ignored entry type "
                + "(layer.entry-type) and its stored data skipped; GNU tar lists a regular file of the real size",
                ustar("sp", 'S', 5).gnuMagic().bytes(), data("hello"), B, END);
        // names
        agree("absolute name", file("/etc/passwd", "root"), END);
        agree("name climbing out", file("../../x", "x"), END);
        differ("path above 4096 bytes", "we refuse paths beyond ReadLimits.maxPathBytes (layer.tar-header) to bound "
                + "memory; GNU tar has no such limit", pax('x', paxRecords("path=" + "p/".repeat(2100) + "f")), A, END);
        agree("name of exactly 100 bytes without NUL", file("n".repeat(100), "x"), END);
    }

    @Test
    void ourReaderAndGnuTarSeeTheSameEntriesOrDifferOnlyWhereListed(@TempDir Path scratch) throws Exception {
        Path gnuTar = TarListing.findGnuTar().orElse(null);
        assumeTrue(gnuTar != null, "no GNU tar on the PATH: nothing to compare our reader with");
        List<String> failures = new ArrayList<>();
        int agreeing = 0;
        int expectedDifferent = 0;
        for (Case c : CASES) {
            TarListing ours = TarListing.ours(c.archive());
            TarListing gnu = TarListing.gnuTar(gnuTar, c.archive(), scratch);
            boolean agrees = ours.agreesWith(gnu);
            System.out.printf("%-60s %s%n    ours: %s%n    tar:  %s%n", c.name(),
                    agrees ? "AGREE" : "DIFFER", ours, gnu);
            if (c.difference() == null && !agrees) {
                failures.add(c.name() + ": ours " + ours + ", GNU tar " + gnu);
            } else if (c.difference() != null && agrees) {
                failures.add(c.name() + ": listed as a difference (" + c.difference() + ") but both " + ours);
            } else if (agrees) {
                agreeing++;
            } else {
                expectedDifferent++;
            }
        }
        System.out.printf("tar differential: %d cases, %d agree, %d differ as expected, %d unexpected%n",
                CASES.size(), agreeing, expectedDifferent, failures.size());
        assertTrue(failures.isEmpty(), String.join("\n", failures));
    }
}
