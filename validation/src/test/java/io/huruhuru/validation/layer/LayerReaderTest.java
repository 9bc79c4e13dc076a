package io.huruhuru.validation.layer;

import static io.huruhuru.validation.fixture.Expect.exactly;
import static io.huruhuru.validation.fixture.Expect.v;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.huruhuru.validation.ImageSourceException;
import io.huruhuru.validation.RuleId;
import io.huruhuru.validation.fixture.ElfBuilder;
import io.huruhuru.validation.fixture.RawTar;
import io.huruhuru.validation.fixture.TarBuilder;
import io.huruhuru.oci.Digest;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;

class LayerReaderTest {

    private static final Digest DIGEST = Digest.parse("sha256:" + "ab".repeat(32));
    private static final String WHERE = DIGEST.toString();
    private static final ReadLimits SMALL = new ReadLimits(1 << 20, 64, 4096, 4096, 64 << 10, 1 << 20);

    private static LayerFacts read(byte[] blob) throws ImageSourceException {
        return new LayerReader(ReadLimits.DEFAULT).read(DIGEST, new ByteArrayInputStream(blob), Set.of());
    }

    private static LayerFacts readSmall(byte[] blob) throws ImageSourceException {
        return new LayerReader(SMALL).read(DIGEST, new ByteArrayInputStream(blob), Set.of());
    }

    private static TarBuilder sample() {
        return TarBuilder.tar().dir("bin").file("bin/hello", ElfBuilder.staticPie().build(), 0755)
                .symlink("usr/bin/hi", "/bin/hello").hardlink("bin/hello2", "bin/hello")
                .file("etc/.wh.passwd", "").file("var/.wh..wh..opq", "").file("etc/motd", "hi");
    }

    @Test
    void readsTarGzipAndZstdAlikeByMagicBytes() throws Exception {
        TarBuilder tar = sample();
        LayerFacts plain = read(tar.tarLayer().blob());
        LayerFacts gzip = read(tar.gzipLayer().blob());
        LayerFacts zstd = read(tar.zstdLayer().blob());

        assertEquals("tar", plain.compression());
        assertEquals("gzip", gzip.compression());
        assertEquals("zstd", zstd.compression());
        assertEquals(plain.entries(), gzip.entries());
        assertEquals(plain.entries(), zstd.entries());
        assertEquals(Optional.of(Digest.parse(tar.tarLayer().diffId())), zstd.diffId());
        exactly(gzip.problems());
    }

    @Test
    void recordsTypesModesLinksWhiteoutsAndElfHeads() throws Exception {
        List<LayerEntry> entries = read(sample().gzipLayer().blob()).entries();

        assertEquals("[DIRECTORY /bin 755, FILE /bin/hello 755, SYMLINK /usr/bin/hi 777 -> /bin/hello, "
                + "HARDLINK /bin/hello2 755 -> bin/hello, WHITEOUT /etc/passwd 0, OPAQUE /var 0, FILE /etc/motd 644]",
                entries.toString());
        byte[] head = entries.get(1).elfHead();
        assertEquals(64 + 2 * 56, head.length, "the ELF header and its two program headers");
        assertArrayEquals(Arrays.copyOf(ElfBuilder.staticPie().build(), head.length), head);
        assertNull(entries.get(6).elfHead());
    }

    @Test
    void capturesTheContentOfAskedForPaths() throws Exception {
        LayerFacts facts = new LayerReader(ReadLimits.DEFAULT).read(DIGEST,
                new ByteArrayInputStream(sample().gzipLayer().blob()), Set.of("etc/motd", "etc/absent"));

        assertEquals("hi", new String(facts.content("etc/motd").orElseThrow(), StandardCharsets.UTF_8));
        assertTrue(facts.captures("etc/absent"));
        assertTrue(facts.content("etc/absent").isEmpty());
    }

    @Test
    void layerWithoutEndOfArchiveBlocksIsAccepted() throws Exception {
        byte[] tar = TarBuilder.tar().file("a", "content").bytesWithoutEndBlocks();

        LayerFacts facts = read(tar);

        exactly(facts.problems());
        assertEquals(1, facts.entries().size());
        assertEquals(Optional.of(Digest.parse(TarBuilder.sha256(tar))), facts.diffId());
    }

    @Test
    void truncatedEntryDataIsAViolation() throws Exception {
        byte[] tar = TarBuilder.tar().file("big", "x".repeat(1000)).bytes();

        LayerFacts facts = read(Arrays.copyOf(tar, 512 + 600));

        exactly(facts.problems(), v(RuleId.LAYER_TRUNCATED, "/big", "the entry's data and padding", "end of stream"));
        assertTrue(facts.diffId().isEmpty());
    }

    @Test
    void truncatedHeaderIsAViolation() throws Exception {
        byte[] tar = TarBuilder.tar().file("a", "1").file("b", "2").bytes();

        exactly(read(Arrays.copyOf(tar, 1024 + 300)).problems(),
                v(RuleId.LAYER_TRUNCATED, "/a", "512 header bytes", "300 bytes"));
    }

    @Test
    void headerWithABadChecksumIsAViolation() throws Exception {
        byte[] tar = TarBuilder.tar().file("abc", "1").bytes();
        tar[0] = 'x';

        exactly(read(tar).problems(), v(RuleId.LAYER_TAR_HEADER, "/xbc", sumOf(tar), checksumField(tar)));
    }

    @Test
    void randomBytesAreNotATar() throws Exception {
        byte[] garbage = new byte[2048];
        new java.util.Random(42).nextBytes(garbage);
        garbage[0] = 'g'; // neither gzip nor zstd magic

        LayerFacts facts = read(garbage);

        assertEquals(1, facts.problems().size());
        assertEquals(RuleId.LAYER_TAR_HEADER, facts.problems().get(0).rule());
    }

    @Test
    void oversizedPaxHeaderIsAViolation() throws Exception {
        byte[] header = RawTar.header("PaxHeaders/a", 'x', 10L << 20);

        exactly(readSmall(header).problems(),
                v(RuleId.LAYER_TAR_HEADER, "/PaxHeaders/a", "at most 4096 bytes", "10485760 bytes"));
    }

    @Test
    void oversizedGnuLongNameIsAViolation() throws Exception {
        byte[] header = RawTar.header("././@LongLink", 'L', (1L << 33) - 1);

        exactly(readSmall(header).problems(),
                v(RuleId.LAYER_TAR_HEADER, "/././@LongLink", "at most 4096 bytes", "8589934591 bytes"));
    }

    @Test
    void pathLongerThanPathMaxIsAViolation() throws Exception {
        String name = "d/".repeat(2100) + "f";

        LayerFacts facts = read(TarBuilder.tar().file(name, "x").bytes());

        exactly(facts.problems(), v(RuleId.LAYER_TAR_HEADER, "/" + name.substring(0, 64) + "...",
                "at most 4096 bytes", "4201 bytes"));
    }

    @Test
    void malformedPaxRecordIsAViolation() throws Exception {
        byte[] data = "99 path=x\n".getBytes(StandardCharsets.US_ASCII);
        byte[] tar = RawTar.concat(RawTar.header("pax", 'x', data.length), RawTar.padded(data));

        exactly(read(tar).problems(),
                v(RuleId.LAYER_TAR_HEADER, "/pax", "records '<length> <key>=<value>\\n'", "record at byte 0"));
    }

    @Test
    void negativeBase256SizeIsAViolation() throws Exception {
        byte[] header = RawTar.header("neg", '0', 0);
        header[124] = (byte) 0xff;
        RawTar.fixChecksum(header);

        exactly(read(header).problems(), v(RuleId.LAYER_TAR_HEADER, "/neg", "an octal or base-256 number",
                "negative base-256 number"));
    }

    @Test
    void unsupportedEntryTypeIsAWarningAndSkipped() throws Exception {
        byte[] tar = RawTar.concat(RawTar.header("volume-label", 'V', 0), TarBuilder.tar().file("a", "1").bytes());

        LayerFacts facts = read(tar);

        exactly(facts.problems(), v(RuleId.LAYER_ENTRY_TYPE, "/volume-label", "a file, directory, link, device or fifo",
                "type 'V'"));
        assertEquals(1, facts.entries().size());
    }

    @Test
    void absolutePathIsAViolationAndTheEntryIsSkipped() throws Exception {
        LayerFacts facts = read(TarBuilder.tar().file("/etc/passwd", "root").file("ok", "1").bytes());

        exactly(facts.problems(), v(RuleId.ROOTFS_PATH_ABSOLUTE, "/etc/passwd", "a path relative to the rootfs",
                "/etc/passwd"));
        assertEquals(1, facts.entries().size());
    }

    @Test
    void pathTraversalIsAViolationAndTheEntryIsSkipped() throws Exception {
        LayerFacts facts = read(TarBuilder.tar().file("a/../../etc/cron.d/x", "evil").bytes());

        exactly(facts.problems(), v(RuleId.ROOTFS_PATH_TRAVERSAL, "a/../../etc/cron.d/x",
                "a path inside the rootfs", "a/../../etc/cron.d/x"));
        assertTrue(facts.entries().isEmpty());
    }

    @Test
    void hardLinkOutOfTheRootfsIsAViolation() throws Exception {
        LayerFacts facts = read(TarBuilder.tar().hardlink("shadow", "../../etc/shadow").bytes());

        exactly(facts.problems(), v(RuleId.ROOTFS_HARDLINK_ESCAPE, "/shadow", "a path inside the rootfs",
                "../../etc/shadow"));
    }

    @Test
    void gzipBombStopsAtTheExpansionBound() throws Exception {
        byte[] bomb = TarBuilder.gzip(TarBuilder.tar().file("zeros", new byte[4 << 20], 0644).bytes());

        LayerFacts facts = readSmall(bomb);

        exactly(facts.problems(), v(RuleId.LAYER_LIMIT, WHERE, "at most 1048576 bytes", "more than 1048576"));
        assertTrue(facts.expandedBytes() <= 1 << 20);
    }

    @Test
    void zstdBombAfterTheEndOfArchiveStopsAtTheExpansionBound() throws Exception {
        byte[] tar = TarBuilder.tar().file("a", "1").bytes();
        byte[] bomb = TarBuilder.zstd(Arrays.copyOf(tar, tar.length + (4 << 20)));

        exactly(readSmall(bomb).problems(),
                v(RuleId.LAYER_LIMIT, WHERE, "at most 1048576 bytes", "more than 1048576"));
    }

    @Test
    void tooManyEntriesStopAtTheEntryBound() throws Exception {
        TarBuilder tar = TarBuilder.tar();
        for (int i = 0; i < 100; i++) {
            tar.file("f" + i, "x");
        }

        LayerFacts facts = readSmall(tar.bytes());

        exactly(facts.problems(), v(RuleId.LAYER_LIMIT, "", "at most 64 entries", "more"));
        assertEquals(64, facts.entries().size());
    }

    @Test
    void corruptGzipStreamIsUnreadable() throws Exception {
        byte[] gzip = TarBuilder.gzip(TarBuilder.tar().file("a", "x".repeat(5000)).bytes());
        for (int i = 20; i < gzip.length - 8; i++) {
            gzip[i] = (byte) 0xff;
        }

        LayerFacts facts = read(gzip);

        assertEquals(1, facts.problems().size());
        assertEquals(RuleId.LAYER_UNREADABLE, facts.problems().get(0).rule());
        assertEquals("a valid gzip stream", facts.problems().get(0).expected());
    }

    @Test
    void corruptZstdStreamIsUnreadable() throws Exception {
        byte[] zstd = TarBuilder.zstd(TarBuilder.tar().file("a", "x".repeat(5000)).bytes());
        for (int i = 8; i < zstd.length; i++) {
            zstd[i] = (byte) 0x5a;
        }

        LayerFacts facts = read(zstd);

        assertEquals(1, facts.problems().size());
        assertEquals(RuleId.LAYER_UNREADABLE, facts.problems().get(0).rule());
        assertEquals("a valid zstd stream", facts.problems().get(0).expected());
    }

    @Test
    void bzip2LayerIsUnreadable() throws Exception {
        exactly(read("BZh91AY&SY".getBytes(StandardCharsets.US_ASCII)).problems(),
                v(RuleId.LAYER_UNREADABLE, WHERE, "tar, tar+gzip or tar+zstd", "bzip2"));
    }

    @Test
    void sourceFailureIsNotAViolationButAnImageSourceException() {
        InputStream failing = new InputStream() {
            @Override
            public int read() throws IOException {
                throw new IOException("disk on fire");
            }
        };

        assertThrows(ImageSourceException.class,
                () -> new LayerReader(ReadLimits.DEFAULT).read(DIGEST, failing, Set.of()));
    }

    @Test
    void elfHeadStopsAtTheBoundWhenProgramHeadersAreFarAway() throws Exception {
        byte[] elf = ElfBuilder.staticPie().phoff(100_000).fileSize(100_000 + 2 * 56).build();

        LayerEntry entry = read(TarBuilder.tar().file("bin/far", elf, 0755).bytes()).entries().get(0);

        assertNotNull(entry.elfHead());
        assertEquals(64 << 10, entry.elfHead().length);
    }

    @Test
    void factsSurviveTheCodecRoundTrip() throws Exception {
        LayerFacts facts = new LayerReader(ReadLimits.DEFAULT).read(DIGEST, new ByteArrayInputStream(
                TarBuilder.tar().file("/abs", "x").file("etc/motd", "hi").file("bin/hello",
                        ElfBuilder.staticPie().build(), 0755).symlink("l", "etc/motd").gzipLayer().blob()),
                Set.of("etc/motd"));

        LayerFacts decoded = LayerFactsCodec.decode(LayerFactsCodec.encode(facts)).orElseThrow();

        assertEquals(facts, decoded);
        assertArrayEquals(LayerFactsCodec.encode(facts), LayerFactsCodec.encode(decoded));
    }

    @Test
    void codecRefusesOtherFormats() {
        assertTrue(LayerFactsCodec.decode("{\"format\":0}".getBytes(StandardCharsets.UTF_8)).isEmpty());
        assertTrue(LayerFactsCodec.decode("not json".getBytes(StandardCharsets.UTF_8)).isEmpty());
    }

    @Test
    void codecTreatsAMalformedStoredDigestAsAMiss() throws Exception {
        String stored = new String(LayerFactsCodec.encode(read(sample().gzipLayer().blob())), StandardCharsets.UTF_8);
        byte[] badDigest = stored.replace(WHERE, "sha256:not-hex").getBytes(StandardCharsets.UTF_8);
        String diffId = read(sample().gzipLayer().blob()).diffId().orElseThrow().toString();
        byte[] badDiffId = stored.replace(diffId, "md5:" + "0".repeat(32)).getBytes(StandardCharsets.UTF_8);

        assertTrue(LayerFactsCodec.decode(badDigest).isEmpty(), "a digest that does not parse");
        assertTrue(LayerFactsCodec.decode(badDiffId).isEmpty(), "a diff_id that does not parse");
    }

    private static String sumOf(byte[] tar) {
        long sum = 0;
        for (int i = 0; i < 512; i++) {
            sum += i >= 148 && i < 156 ? ' ' : tar[i] & 0xff;
        }
        return Long.toString(sum);
    }

    private static String checksumField(byte[] tar) {
        return Long.toString(Long.parseLong(new String(tar, 148, 6, StandardCharsets.US_ASCII).trim(), 8));
    }

    @Test
    void jsonCaptureKeepsTheFirstJsonFilesWithinItsBoundsAndKnowsOnlyThose() throws Exception {
        byte[] blob = TarBuilder.tar().file("share.spec.json", "{\"a\":1}").file("etc/motd", "hi")
                .file("b.json", "{}").file("c.json", "[]").gzipLayer().blob();

        LayerFacts facts = new LayerReader(ReadLimits.DEFAULT).read(DIGEST, new ByteArrayInputStream(blob),
                Capture.jsonFiles(2, 1 << 20));

        assertEquals(Set.of("share.spec.json", "b.json"), facts.capturePaths());
        assertArrayEquals("{\"a\":1}".getBytes(StandardCharsets.UTF_8), facts.content("share.spec.json").orElseThrow());
        assertTrue(!facts.captures("c.json") && !facts.captures("etc/motd"), "beyond the bound, or not JSON");
    }

    @Test
    void jsonCaptureStopsAtItsByteBudget() throws Exception {
        byte[] blob = TarBuilder.tar().file("big.json", "x".repeat(100)).file("small.json", "{}").tarLayer().blob();

        LayerFacts facts = new LayerReader(ReadLimits.DEFAULT).read(DIGEST, new ByteArrayInputStream(blob),
                Capture.jsonFiles(10, 50));

        assertEquals(Set.of("small.json"), facts.capturePaths());
    }

    @Test
    void readingBeforeTheDigestIsKnownMovesItsProblemsToTheDigestItIsKeyedBy() throws Exception {
        byte[] bzip2 = "BZh91AY&SY not an OCI layer".getBytes(StandardCharsets.US_ASCII);
        LayerReading provisional = new LayerReader(ReadLimits.DEFAULT).readBeforeDigest("upload u1",
                new ByteArrayInputStream(bzip2), Capture.paths(Set.of()));
        Digest real = Digest.parse("sha256:" + "cd".repeat(32));

        LayerFacts facts = provisional.at(real);

        assertEquals(real, facts.digest());
        assertTrue(provisional.problems().stream().anyMatch(p -> p.where().equals("upload u1")),
                provisional::toString);
        assertTrue(facts.problems().stream().allMatch(p -> p.where().equals(real.toString())), facts::toString);
        assertEquals(provisional.problems().size(), facts.problems().size());
        assertEquals(provisional.entries(), facts.entries());
    }
}
