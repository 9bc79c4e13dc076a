package io.huruhuru.validation;

import static io.huruhuru.validation.fixture.Expect.exactly;
import static io.huruhuru.validation.fixture.Expect.v;

import io.huruhuru.oci.RepositoryName;
import io.huruhuru.validation.budget.Policy;
import io.huruhuru.validation.fixture.ElfBuilder;
import io.huruhuru.validation.fixture.RawTar;
import io.huruhuru.validation.fixture.TarBuilder;
import io.huruhuru.validation.fixture.TestImage;
import io.huruhuru.validation.layer.ReadLimits;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Assertions;
import org.junit.jupiter.api.Test;

/** Each hostile input ends in its exact violations, never in an exception or a hang. */
class HostileInputTest {

    private static final RepositoryName KOS_HELLO = RepositoryName.parse("kos/hello");

    private static final ReadLimits SMALL = new ReadLimits(1 << 20, 1000, 4096, 4096, 64 << 10, 1 << 20);

    private static List<Violation> violations(TestImage image, ReadLimits limits) {
        return Assertions.assertTimeoutPreemptively(Duration.ofSeconds(10), () -> new ImageValidator(limits,
                LayerFactsCache.NONE).validate(image.source(), Policy.NONE, KOS_HELLO).allViolations());
    }

    private static List<Violation> violations(TarBuilder.Layer... layers) {
        return violations(TestImage.hello().layers(layers), ReadLimits.DEFAULT);
    }

    private static String layerDigest(TarBuilder.Layer layer) {
        return TarBuilder.sha256(layer.blob());
    }

    @Test
    void absolutePathInATarEntry() {
        exactly(violations(TestImage.helloLayer().file("/etc/cron.d/evil", "x").gzipLayer()),
                v(RuleId.ROOTFS_PATH_ABSOLUTE, "/etc/cron.d/evil", "a path relative to the rootfs",
                        "/etc/cron.d/evil"));
    }

    @Test
    void pathTraversalInATarEntry() {
        exactly(violations(TestImage.helloLayer().file("../../root/.ssh/authorized_keys", "x").gzipLayer()),
                v(RuleId.ROOTFS_PATH_TRAVERSAL, "../../root/.ssh/authorized_keys", "a path inside the rootfs",
                        "../../root/.ssh/authorized_keys"));
    }

    @Test
    void symlinkLoopAtTheBinary() {
        exactly(violations(TarBuilder.tar().symlink("bin/hello", "/bin/hello2").symlink("bin/hello2", "hello")
                .file("share.spec.json", TestImage.SPEC_JSON).gzipLayer()),
                v(RuleId.ROOTFS_SYMLINK_LOOP, "/bin/hello", "at most 40 links", "a loop at /bin/hello"));
    }

    @Test
    void symlinkLoopAtTheSpecFile() {
        exactly(violations(TarBuilder.tar().file("bin/hello", ElfBuilder.staticPie().build(), 0755)
                .symlink("share.spec.json", "share.spec.json").gzipLayer()),
                v(RuleId.ROOTFS_SYMLINK_LOOP, "/share.spec.json", "at most 40 links", "a loop at /share.spec.json"));
    }

    @Test
    void hardLinkOutOfTheRootfs() {
        exactly(violations(TarBuilder.tar().hardlink("bin/hello", "../../../bin/sh")
                .file("share.spec.json", TestImage.SPEC_JSON).gzipLayer()),
                v(RuleId.ROOTFS_HARDLINK_ESCAPE, "/bin/hello", "a path inside the rootfs", "../../../bin/sh"),
                v(RuleId.ROOTFS_BINARY_MISSING, "/bin/hello", "a regular executable file", "(absent)"));
    }

    @Test
    void truncatedTarEntry() {
        byte[] tar = TestImage.helloLayer().bytes();
        // cut inside /bin/hello's data: after its header (at 512) and 1000 of its 12288 bytes
        byte[] cut = Arrays.copyOf(tar, 512 + 512 + 1000);
        TarBuilder.Layer layer = new TarBuilder.Layer(TarBuilder.gzip(cut), TarBuilder.sha256(cut),
                "application/vnd.oci.image.layer.v1.tar+gzip");

        exactly(violations(layer),
                v(RuleId.LAYER_TRUNCATED, "/bin/hello", "the entry's data and padding", "end of stream"),
                v(RuleId.ROOTFS_SPEC_MISSING, "/share.spec.json", "a JSON file", "(absent)"));
    }

    @Test
    void oversizedTarHeader() {
        byte[] tar = RawTar.concat(RawTar.header("PaxHeaders.0/bin", 'x', 1L << 30), new byte[1024]);
        TarBuilder.Layer layer = new TarBuilder.Layer(TarBuilder.gzip(tar), TarBuilder.sha256(tar),
                "application/vnd.oci.image.layer.v1.tar+gzip");

        exactly(violations(TestImage.hello().addLayer(layer), SMALL),
                v(RuleId.LAYER_TAR_HEADER, "/PaxHeaders.0/bin", "at most 4096 bytes", "1073741824 bytes"));
    }

    @Test
    void decompressionBomb() {
        TarBuilder.Layer bomb = TarBuilder.tar().file("zeros", new byte[8 << 20], 0644).gzipLayer();

        exactly(violations(TestImage.hello().addLayer(bomb), SMALL),
                v(RuleId.LAYER_LIMIT, layerDigest(bomb), "at most 1048576 bytes", "more than 1048576"));
    }

    @Test
    void tooManyEntries() {
        TarBuilder many = TestImage.helloLayer();
        for (int i = 0; i < 1000; i++) {
            many.file("spam/" + i, "");
        }

        TarBuilder.Layer layer = many.gzipLayer();

        exactly(violations(TestImage.hello().layers(layer), SMALL),
                v(RuleId.LAYER_LIMIT, layerDigest(layer), "at most 1000 entries", "more"));
    }

    @Test
    void deepPathsWithoutDirectoryEntriesDoNotMakeApplyingLayersQuadratic() {
        // written by hand: commons-compress itself is quadratic in such names
        java.io.ByteArrayOutputStream tar = new java.io.ByteArrayOutputStream();
        tar.writeBytes(TestImage.helloLayer().symlink("x", "d").bytesWithoutEndBlocks());
        String directory = "d/".repeat(1500);
        for (int i = 0; i < 3000; i++) {
            tar.writeBytes(RawTar.paxNamedEmptyFile(directory + i));
        }
        byte[] bytes = tar.toByteArray();
        TarBuilder.Layer deep = new TarBuilder.Layer(TarBuilder.gzip(bytes), TarBuilder.sha256(bytes),
                "application/vnd.oci.image.layer.v1.tar+gzip");

        List<Violation> found = violations(TestImage.hello().layers(deep), ReadLimits.DEFAULT);

        exactly(found, v(RuleId.LAYER_LIMIT, "", "at most 50000000 path characters resolved", "more"));
    }

    @Test
    void truncatedElfHeader() {
        exactly(violations(TarBuilder.tar().file("bin/hello", ElfBuilder.staticPie().truncated(40), 0755)
                .file("share.spec.json", TestImage.SPEC_JSON).gzipLayer()),
                v(RuleId.ELF_TRUNCATED, "/bin/hello", "64 bytes", "40 bytes"));
    }

    @Test
    void absurdProgramHeaderCount() {
        exactly(violations(TarBuilder.tar().file("bin/hello", ElfBuilder.staticPie().phnum(0xffff).build(), 0755)
                .file("share.spec.json", TestImage.SPEC_JSON).gzipLayer()),
                v(RuleId.ELF_PHDR_COUNT, "/bin/hello", "at most 1170", "65535"));
    }

    @Test
    void binaryThatIsNotElf() {
        exactly(violations(TarBuilder.tar().file("bin/hello", "#!/bin/sh\necho hi\n".getBytes(), 0755)
                .file("share.spec.json", TestImage.SPEC_JSON).gzipLayer()),
                v(RuleId.ELF_NOT_ELF, "/bin/hello", "ELF magic 7f 45 4c 46", "other content"));
    }

    @Test
    void layerThatIsNotATar() {
        byte[] junk = "this is not a tar archive at all, but long enough to fill a header block".repeat(10)
                .getBytes();
        TarBuilder.Layer layer = new TarBuilder.Layer(junk, TarBuilder.sha256(junk), "application/octet-stream");

        List<Violation> found = violations(TestImage.hello().addLayer(layer), ReadLimits.DEFAULT);

        Assertions.assertEquals(1, found.size(), found::toString);
        Assertions.assertEquals(RuleId.LAYER_TAR_HEADER, found.get(0).rule());
    }
}
