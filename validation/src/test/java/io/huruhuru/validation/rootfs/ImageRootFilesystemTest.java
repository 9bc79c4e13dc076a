package io.huruhuru.validation.rootfs;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.huruhuru.oci.Digest;
import io.huruhuru.oci.DigestAlgorithm;
import io.huruhuru.sel4.app.ByteSize;
import io.huruhuru.sel4.run.RootFilesystem.Entry;
import io.huruhuru.validation.fixture.MemorySource;
import io.huruhuru.validation.fixture.TarBuilder;
import io.huruhuru.validation.fixture.TestImage;
import io.huruhuru.validation.layer.LayerFacts;
import io.huruhuru.validation.layer.LayerReader;
import io.huruhuru.validation.layer.ReadLimits;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;

class ImageRootFilesystemTest {

    private static final long MIB = 1 << 20;

    /** The layers' facts as validation reads them, then the files loaded with {@code limits} and the bound. */
    private static ImageRootFilesystem load(ReadLimits limits, long maxBytes, TarBuilder... layers) throws Exception {
        TarBuilder.Layer[] blobs = Arrays.stream(layers).map(TarBuilder::gzipLayer).toArray(TarBuilder.Layer[]::new);
        MemorySource source = TestImage.plain().layers(blobs).source();
        List<Digest> digests = new ArrayList<>();
        List<LayerFacts> facts = new ArrayList<>();
        for (TarBuilder.Layer layer : blobs) {
            Digest digest = Digest.of(DigestAlgorithm.SHA256, layer.blob());
            digests.add(digest);
            try (InputStream in = source.openBlob(digest)) {
                facts.add(new LayerReader(ReadLimits.DEFAULT).read(digest, in, Set.of()));
            }
        }
        return ImageFileContents.load(source, digests, Rootfs.build(facts), limits, maxBytes);
    }

    private static ImageRootFilesystem load(TarBuilder... layers) throws Exception {
        return load(ReadLimits.DEFAULT, ImageFileContents.DEFAULT_MAX_BYTES, layers);
    }

    private static List<String> path(String p) {
        return p.isEmpty() ? List.of() : List.of(p.split("/"));
    }

    private static String text(ImageRootFilesystem fs, String p) {
        byte[] buffer = new byte[4096];
        int n = fs.read(path(p), 0, buffer, 0, buffer.length);
        return new String(buffer, 0, n, StandardCharsets.UTF_8);
    }

    private static List<String> names(ImageRootFilesystem fs, String p) {
        return ((Entry.Directory) fs.entry(path(p)).orElseThrow()).names();
    }

    @Test
    void aFileOfALaterLayerReplacesTheEarlierOneWithItsContentAndSize() throws Exception {
        ImageRootFilesystem fs = load(TarBuilder.tar().file("foo.txt", "old"),
                TarBuilder.tar().file("foo.txt", "new and longer"));

        assertEquals("new and longer", text(fs, "foo.txt"));
        assertEquals(Optional.of(new Entry.File(14, 0644, 0)), fs.entry(path("foo.txt")));
    }

    @Test
    void aWhiteoutRemovesAFileAndADirectoryOfLowerLayers() throws Exception {
        ImageRootFilesystem fs = load(
                TarBuilder.tar().dir("etc").file("etc/motd", "hi").file("etc/keep", "k").dir("opt")
                        .file("opt/app/run", "x"),
                TarBuilder.tar().file("etc/.wh.motd", "").file(".wh.opt", ""));

        assertEquals(Optional.empty(), fs.entry(path("etc/motd")));
        assertEquals(Optional.empty(), fs.entry(path("opt/app/run")));
        assertEquals(List.of("keep"), names(fs, "etc"));
        assertEquals(List.of("etc"), names(fs, ""));
    }

    @Test
    void anOpaqueDirectoryHidesWhatLowerLayersHeldInIt() throws Exception {
        ImageRootFilesystem fs = load(TarBuilder.tar().dir("d").file("d/old", "o").file("d/sub/deep", "s"),
                TarBuilder.tar().dir("d").file("d/.wh..wh..opq", "").file("d/new", "n"));

        assertEquals(List.of("new"), names(fs, "d"));
        assertEquals(Optional.empty(), fs.entry(path("d/sub/deep")));
    }

    @Test
    void aSymbolicLinkIsReportedAndNeverFollowed() throws Exception {
        ImageRootFilesystem fs = load(TarBuilder.tar().dir("usr/lib").file("usr/lib/x", "x")
                .symlink("lib", "usr/lib").symlink("up", "../../etc"));

        assertEquals(Optional.of(new Entry.Symlink("usr/lib")), fs.entry(path("lib")));
        assertEquals(Optional.of(new Entry.Symlink("../../etc")), fs.entry(path("up")));
        assertEquals(Optional.empty(), fs.entry(path("lib/x")));
    }

    @Test
    void aHardLinkReadsItsTargetsBytesWhichCountOnceAgainstTheBound() throws Exception {
        ImageRootFilesystem fs = load(ReadLimits.DEFAULT, 5, TarBuilder.tar().file("a", "12345")
                .hardlink("b", "a").hardlink("c", "a"));

        assertEquals("12345", text(fs, "c"));
        assertEquals(List.of("a", "b", "c"), names(fs, ""));
    }

    @Test
    void aFileWrittenBelowALinkedDirectoryIsReadFromWhereItsLayerHoldsIt() throws Exception {
        ImageRootFilesystem fs = load(TarBuilder.tar().dir("usr/bin").symlink("bin", "usr/bin"),
                TarBuilder.tar().file("bin/tool", "tool bytes"));

        assertEquals("tool bytes", text(fs, "usr/bin/tool"));
        assertEquals(Optional.of(new Entry.Symlink("usr/bin")), fs.entry(path("bin")));
    }

    @Test
    void modesAndSizesAreTheTarEntriesAndEveryTimeIsZero() throws Exception {
        ImageRootFilesystem fs = load(TarBuilder.tar().dir("bin")
                .file("bin/tool", "#!".getBytes(StandardCharsets.UTF_8), 04750));

        assertEquals(Optional.of(new Entry.File(2, 04750, 0)), fs.entry(path("bin/tool")));
        assertEquals(Optional.of(new Entry.Directory(List.of("tool"), 0755, 0)), fs.entry(path("bin")));
    }

    @Test
    void readingFromAnOffsetGivesTheRestAndNothingAtTheEnd() throws Exception {
        ImageRootFilesystem fs = load(TarBuilder.tar().file("f", "abcdef"));
        byte[] buffer = new byte[8];

        assertEquals(2, fs.read(path("f"), 4, buffer, 1, 7));
        assertEquals("ef", new String(buffer, 1, 2, StandardCharsets.UTF_8));
        assertEquals(0, fs.read(path("f"), 6, buffer, 0, 8));
        assertEquals(0, fs.read(path("f"), 1L << 40, buffer, 0, 8));
    }

    @Test
    void aDirectoryImpliedByItsEntriesIsServedAsOne() throws Exception {
        ImageRootFilesystem fs = load(TarBuilder.tar().file("a/b/c", "c"));

        assertEquals(Optional.of(new Entry.Directory(List.of("b"), 0755, 0)), fs.entry(path("a")));
        assertEquals("c", text(fs, "a/b/c"));
    }

    @Test
    void anEntryBelowAFileIsUnreachable() throws Exception {
        ImageRootFilesystem fs = load(TarBuilder.tar().file("a", "file"), TarBuilder.tar().file("a/b", "below"));

        assertEquals(Optional.of(new Entry.File(4, 0644, 0)), fs.entry(path("a")));
        assertEquals(Optional.empty(), fs.entry(path("a/b")));
    }

    @Test
    void hostilePathsNeverLandOutsideTheRootNorAnywhereInIt() throws Exception {
        ImageRootFilesystem fs = load(TarBuilder.tar().file("../escape", "e").file("ok/../../../up", "u")
                .file("fine", "f"));

        assertTrue(fs.entry(path("escape")).isEmpty() && fs.entry(path("up")).isEmpty(), names(fs, "").toString());
        assertEquals(List.of("fine"), names(fs, ""));
        assertThrows(IllegalArgumentException.class, () -> fs.entry(List.of("..", "escape")));
    }

    @Test
    void fifosAndDevicesAreNeitherListedNorServed() throws Exception {
        ImageRootFilesystem fs = load(TarBuilder.tar().fifo("pipe").file("f", "f"));

        assertEquals(Optional.empty(), fs.entry(path("pipe")));
        assertEquals(List.of("f"), names(fs, ""));
    }

    @Test
    void filesHoldingMoreThanTheBoundAreRefusedInWords() {
        RootfsNotLoadedException e = assertThrows(RootfsNotLoadedException.class, () -> load(ReadLimits.DEFAULT,
                MIB, TarBuilder.tar().file("big", new byte[(int) MIB], 0644).file("one-more", "x")));

        assertTrue(e.getMessage().contains("hold " + ByteSize.count(MIB + 1) + " bytes; a run keeps at most "
                + ByteSize.count(MIB) + " bytes"), e.getMessage());
    }

    @Test
    void aLayerThatExpandsBeyondTheLimitWhenReadAgainIsRefused() {
        ReadLimits tight = new ReadLimits(64 << 10, 1000, 1 << 20, 4096, 64 << 10, 1 << 20);

        RootfsNotLoadedException e = assertThrows(RootfsNotLoadedException.class, () -> load(tight, MIB,
                TarBuilder.tar().file("zeros", new byte[512 << 10], 0644)));

        assertTrue(e.getMessage().contains("/zeros could not be read"), e.getMessage());
    }
}
