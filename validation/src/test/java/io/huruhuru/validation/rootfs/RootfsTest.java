package io.huruhuru.validation.rootfs;

import static io.huruhuru.validation.fixture.Expect.exactly;
import static io.huruhuru.validation.fixture.Expect.v;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;

import io.huruhuru.oci.Digest;
import io.huruhuru.validation.RuleId;
import io.huruhuru.validation.fixture.ElfBuilder;
import io.huruhuru.validation.fixture.TarBuilder;
import io.huruhuru.validation.layer.EntryType;
import io.huruhuru.validation.layer.LayerFacts;
import io.huruhuru.validation.layer.LayerReader;
import io.huruhuru.validation.layer.ReadLimits;
import java.io.ByteArrayInputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class RootfsTest {

    private static Rootfs build(TarBuilder... layers) throws Exception {
        List<LayerFacts> facts = new ArrayList<>();
        for (TarBuilder layer : layers) {
            facts.add(new LayerReader(ReadLimits.DEFAULT).read(Digest.parse("sha256:" + "00".repeat(32)),
                    new ByteArrayInputStream(layer.bytes()), Set.of()));
        }
        return Rootfs.build(facts);
    }

    @Test
    void upperLayerReplacesAFile() throws Exception {
        Rootfs rootfs = build(TarBuilder.tar().file("etc/motd", "old"), TarBuilder.tar().file("etc/motd", "newer"));

        assertEquals(5, rootfs.get("etc/motd").size());
        assertEquals(1, rootfs.get("etc/motd").layer());
    }

    @Test
    void whiteoutRemovesAFileAndADirectoryOfLowerLayers() throws Exception {
        Rootfs rootfs = build(TarBuilder.tar().file("etc/motd", "x").dir("opt/app").file("opt/app/bin", "y"),
                TarBuilder.tar().file("etc/.wh.motd", "").file("opt/.wh.app", ""));

        assertNull(rootfs.get("etc/motd"));
        assertNull(rootfs.get("opt/app"));
        assertNull(rootfs.get("opt/app/bin"));
        assertInstanceOf(Lookup.Missing.class, rootfs.resolve("/opt/app/bin"));
    }

    @Test
    void whiteoutDoesNotHideAFileOfItsOwnLayer() throws Exception {
        Rootfs rootfs = build(TarBuilder.tar().file("a", "lower"),
                TarBuilder.tar().file("a", "same layer").file(".wh.a", ""));

        assertEquals(10, rootfs.get("a").size());
    }

    @Test
    void opaqueDirectoryHidesLowerChildrenButKeepsItsOwn() throws Exception {
        Rootfs rootfs = build(TarBuilder.tar().file("d/old", "x").file("e/kept", "x"),
                TarBuilder.tar().dir("d").file("d/.wh..wh..opq", "").file("d/new", "y"));

        assertNull(rootfs.get("d/old"));
        assertNotNull(rootfs.get("d/new"));
        assertNotNull(rootfs.get("e/kept"));
    }

    @Test
    void fileReplacingADirectoryDropsItsChildren() throws Exception {
        Rootfs rootfs = build(TarBuilder.tar().file("d/child", "x"), TarBuilder.tar().file("d", "now a file"));

        assertNull(rootfs.get("d/child"));
        assertEquals(EntryType.FILE, rootfs.get("d").type());
    }

    @Test
    void relativeAndAbsoluteSymlinksResolveInsideTheRootfs() throws Exception {
        Rootfs rootfs = build(TarBuilder.tar().file("opt/app/hello", "x").symlink("bin", "opt/app")
                .symlink("usr/bin/hello", "../../bin/hello").symlink("abs", "/opt/app/hello"));

        assertEquals("/opt/app/hello", rootfs.resolve("/usr/bin/hello").path());
        assertEquals("/opt/app/hello", rootfs.resolve("/abs").path());
        assertInstanceOf(Lookup.Found.class, rootfs.resolve("/bin/hello"));
    }

    @Test
    void entryBelowASymlinkedDirectoryLandsAtTheLinkTarget() throws Exception {
        Rootfs rootfs = build(TarBuilder.tar().dir("usr/bin").symlink("bin", "usr/bin"),
                TarBuilder.tar().file("bin/hello", "x"), TarBuilder.tar().file("bin/.wh.gone", ""));

        assertNotNull(rootfs.get("usr/bin/hello"));
        assertNull(rootfs.get("bin/hello"));
        assertEquals("/usr/bin/hello", rootfs.resolve("/bin/hello").path());
    }

    @Test
    void whiteoutBelowASymlinkedDirectoryRemovesAtTheLinkTarget() throws Exception {
        Rootfs rootfs = build(TarBuilder.tar().file("usr/bin/gone", "x").symlink("bin", "/usr/bin"),
                TarBuilder.tar().file("bin/.wh.gone", ""));

        assertNull(rootfs.get("usr/bin/gone"));
    }

    @Test
    void symlinkClimbingAboveTheRootStaysInTheRootfs() throws Exception {
        Rootfs rootfs = build(TarBuilder.tar().file("etc/passwd", "rootfs's own").symlink("escape",
                "../../../../etc/passwd"));

        Lookup lookup = rootfs.resolve("/escape");

        assertEquals("/etc/passwd", lookup.path());
        assertEquals(12, ((Lookup.Found) lookup).node().size());
    }

    @Test
    void symlinkLoopEndsInALoopNotAHang() throws Exception {
        Rootfs rootfs = build(TarBuilder.tar().symlink("a", "b").symlink("b", "a"));

        assertInstanceOf(Lookup.Loop.class, rootfs.resolve("/a/x"));
    }

    @Test
    void selfReferencingDirectorySymlinkIsALoop() throws Exception {
        Rootfs rootfs = build(TarBuilder.tar().symlink("d", "d/d"));

        assertInstanceOf(Lookup.Loop.class, rootfs.resolve("/d"));
    }

    @Test
    void fileUsedAsADirectoryIsNotADirectory() throws Exception {
        Rootfs rootfs = build(TarBuilder.tar().file("f", "x"));

        assertInstanceOf(Lookup.NotDirectory.class, rootfs.resolve("/f/g"));
    }

    @Test
    void hardLinkIsTheFileItLinksTo() throws Exception {
        byte[] elf = ElfBuilder.staticPie().build();
        Rootfs rootfs = build(TarBuilder.tar().file("bin/real", elf, 0755), TarBuilder.tar().hardlink("bin/link",
                "bin/real"));

        Node link = rootfs.get("bin/link");
        assertEquals(EntryType.FILE, link.type());
        assertEquals(elf.length, link.size());
        assertEquals("bin/real", link.contentPath());
        assertNotNull(link.elfHead());
    }

    @Test
    void hardLinkToNothingIsAViolation() throws Exception {
        Rootfs rootfs = build(TarBuilder.tar().hardlink("bin/link", "bin/absent"));

        exactly(rootfs.problems(), v(RuleId.ROOTFS_HARDLINK_MISSING, "/bin/link", "an existing file /bin/absent",
                "(absent)"));
    }

    @Test
    void directoriesImpliedByTheirEntriesResolve() throws Exception {
        Rootfs rootfs = build(TarBuilder.tar().file("a/b/c", "x"));

        assertInstanceOf(Lookup.Found.class, rootfs.resolve("/a/b/../b/./c"));
        assertEquals(EntryType.DIRECTORY, ((Lookup.Found) rootfs.resolve("/a")).node().type());
    }
}
