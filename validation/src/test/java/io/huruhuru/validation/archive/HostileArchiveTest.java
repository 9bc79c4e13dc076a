package io.huruhuru.validation.archive;

import static io.huruhuru.validation.fixture.ImageArchives.Named.ref;
import static io.huruhuru.validation.fixture.RawTar.concat;
import static io.huruhuru.validation.fixture.RawTar.header;
import static io.huruhuru.validation.fixture.RawTar.padded;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.huruhuru.oci.RepositoryName;
import io.huruhuru.validation.ImageSourceException;
import io.huruhuru.validation.ImageValidator;
import io.huruhuru.validation.budget.Policy;
import io.huruhuru.validation.fixture.ImageArchives;
import io.huruhuru.validation.fixture.RawTar;
import io.huruhuru.validation.fixture.TarBuilder;
import io.huruhuru.validation.fixture.TestImage;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Each hostile or broken archive is refused with its exact error, never with a crash. */
class HostileArchiveTest {

    private static final RepositoryName KOS_HELLO = RepositoryName.parse("kos/hello");

    @TempDir
    Path dir;

    private Path archive(byte[] tar) {
        return ImageArchives.write(dir.resolve("app.tar"), tar);
    }

    private String openError(byte[] tar) {
        Path file = archive(tar);
        return assertThrows(ImageSourceException.class, () -> ArchiveSource.open(file, Optional.empty()).close())
                .getMessage();
    }

    private String validateError(byte[] tar) {
        Path file = archive(tar);
        return assertThrows(ImageSourceException.class, () -> {
            try (ArchiveSource source = ArchiveSource.open(file, Optional.empty())) {
                new ImageValidator().validate(source, Policy.NONE, KOS_HELLO);
            }
        }).getMessage();
    }

    private static byte[] bytes(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }

    /** A docker archive with a config {@code c.json} whose only layer is {@code layer}, as manifest.json names it. */
    private static TarBuilder dockerArchive(String layer) {
        return TarBuilder.tar().file("c.json", "{}").file("manifest.json",
                "[{\"Config\":\"c.json\",\"RepoTags\":[],\"Layers\":[\"" + layer + "\"]}]");
    }

    private TarBuilder ociArchive(TestImage image) throws Exception {
        Path layout = Files.createDirectory(dir.resolve("layout"));
        return ImageArchives.tarOf(ImageArchives.layout(layout, List.of(ref(image, "v1"))));
    }

    private static String layerHex() {
        return TarBuilder.sha256(TestImage.helloLayer().gzipLayer().blob()).substring("sha256:".length());
    }

    @Test
    void entryClimbingAboveTheArchiveRoot() {
        assertEquals("app.tar holds an entry whose path leaves the archive: ../evil",
                openError(concat(header("../evil", '0', 1), padded(bytes("x")))));
    }

    @Test
    void entryWithAnAbsolutePath() {
        assertEquals("app.tar holds an entry with an absolute path: /etc/passwd",
                openError(header("/etc/passwd", '0', 0)));
    }

    @Test
    void layerLinkPointingOutsideTheArchive() {
        assertEquals("the link 0/layer.tar in app.tar points outside the archive: ../../etc/passwd",
                openError(dockerArchive("0/layer.tar").symlink("0/layer.tar", "../../etc/passwd").bytes()));
    }

    @Test
    void layerLinkWithAnAbsoluteTargetStaysInsideTheArchive() {
        assertEquals("the link 0/layer.tar in app.tar points at etc/passwd, which is missing",
                openError(dockerArchive("0/layer.tar").symlink("0/layer.tar", "/etc/passwd").bytes()));
    }

    @Test
    void layerLinkLoop() {
        assertEquals("the link 0/layer.tar in app.tar is a loop (more than 16 links)",
                openError(dockerArchive("0/layer.tar").symlink("0/layer.tar", "layer.tar").bytes()));
    }

    @Test
    void layerHardLinkToAMissingEntry() {
        assertEquals("the link 0/layer.tar in app.tar points at 1/layer.tar, which is missing",
                openError(dockerArchive("0/layer.tar").hardlink("0/layer.tar", "1/layer.tar").bytes()));
    }

    @Test
    void layerNamedByManifestJsonIsMissing() {
        assertEquals("missing.tar, named in manifest.json, is missing from app.tar",
                openError(dockerArchive("missing.tar").bytes()));
    }

    @Test
    void configNamedByManifestJsonIsMissing() {
        assertEquals("gone.json, named in manifest.json, is missing from app.tar", openError(TarBuilder.tar()
                .file("manifest.json", "[{\"Config\":\"gone.json\",\"Layers\":[]}]").bytes()));
    }

    @Test
    void manifestJsonNamingAFileOutsideTheArchive() {
        assertEquals("manifest.json in app.tar names a file outside the archive: ../x.tar",
                openError(dockerArchive("../x.tar").bytes()));
    }

    @Test
    void manifestJsonThatIsNotAList() {
        assertEquals("manifest.json in app.tar lists no image",
                openError(TarBuilder.tar().file("manifest.json", "{\"Config\":\"c.json\"}").bytes()));
    }

    @Test
    void manifestJsonImageWithoutLayers() {
        assertEquals("manifest.json in app.tar has an image without Config or Layers",
                openError(TarBuilder.tar().file("manifest.json", "[{\"Config\":\"c.json\"}]").bytes()));
    }

    @Test
    void blobMissingFromAnOciArchive() throws Exception {
        ociArchive(TestImage.hello());
        Path layout = dir.resolve("layout");
        Files.delete(layout.resolve("blobs/sha256").resolve(layerHex()));

        assertEquals("blobs/sha256/" + layerHex() + " is missing from app.tar",
                validateError(ImageArchives.tarOf(layout).bytes()));
    }

    @Test
    void layerBlobNotMatchingItsDigestInAnOciArchive() throws Exception {
        ociArchive(TestImage.hello());
        Path layout = dir.resolve("layout");
        // a valid gzip tar, but not the content the digest names
        Files.write(layout.resolve("blobs/sha256").resolve(layerHex()),
                TestImage.helloLayer().file("x", "y").gzipLayer().blob());

        assertEquals("blob sha256:" + layerHex() + " in app.tar does not match its digest",
                validateError(ImageArchives.tarOf(layout).bytes()));
    }

    @Test
    void configBlobNotMatchingItsDigestInAnOciArchive() throws Exception {
        TestImage image = TestImage.hello();
        ociArchive(image);
        String config = TarBuilder.sha256(image.configBytes()).substring("sha256:".length());
        Files.write(dir.resolve("layout/blobs/sha256").resolve(config), TestImage.plain().configBytes());

        assertEquals("blob sha256:" + config + " in app.tar does not match its digest",
                validateError(ImageArchives.tarOf(dir.resolve("layout")).bytes()));
    }

    @Test
    void archiveEndingInsideAnEntrysData() {
        assertEquals("app.tar is truncated: the entry a at byte 0 has 1000 bytes of data, the file ends 600 bytes "
                + "after its header", openError(concat(header("a", '0', 1000), new byte[600])));
    }

    @Test
    void archiveEndingInsideAHeader() {
        assertEquals("app.tar is truncated: it ends inside the tar header at byte 1024", openError(concat(
                header("a", '0', 1), padded(bytes("x")), Arrays.copyOf(header("b", '0', 0), 100))));
    }

    @Test
    void archiveEndingInsideAnEntrysPadding() {
        assertEquals("app.tar is truncated: it ends inside the padding after the entry a",
                openError(concat(header("a", '0', 1), bytes("x"))));
    }

    @Test
    void fileThatIsNotATarArchive() {
        assertEquals("app.tar is not a tar archive or is corrupt: the header at byte 0 has a wrong checksum",
                openError(bytes("garbage ".repeat(256))));
    }

    @Test
    void headerWithAnInvalidSizeField() {
        byte[] h = header("a", '0', 0);
        System.arraycopy(bytes("00000000009\0"), 0, h, 124, 12);
        RawTar.fixChecksum(h);

        assertEquals("app.tar is corrupt: the header at byte 0 has an invalid size field", openError(h));
    }

    @Test
    void sizeFieldWithCharactersAfterTheNumberIsCorrupt() {
        // decoded as layers decode it: trailing bytes other than space and NUL make the field invalid
        byte[] h = header("a", '0', 0);
        System.arraycopy(bytes("0000000000 x"), 0, h, 124, 12);
        RawTar.fixChecksum(h);

        assertEquals("app.tar is corrupt: the header at byte 0 has an invalid size field", openError(h));
    }

    @Test
    void leadingNulsBeforeAChecksumAreSkipped() {
        // as in layers (and GNU tar): a NUL before the digits does not make the checksum zero
        byte[] h = TarBuilder.tar().file("etc/motd", "hi").bytes();
        System.arraycopy(h, 148, h, 149, 6);
        h[148] = 0;

        assertEquals("app.tar is neither an OCI archive (no oci-layout) nor a docker archive (no manifest.json)",
                openError(h));
    }

    @Test
    void tarThatIsNeitherAnOciNorADockerArchive() {
        assertEquals("app.tar is neither an OCI archive (no oci-layout) nor a docker archive (no manifest.json)",
                openError(TarBuilder.tar().file("etc/motd", "hi").bytes()));
    }

    @Test
    void entryNamedTwice() {
        assertEquals("app.tar holds manifest.json more than once", openError(TarBuilder.tar()
                .file("manifest.json", "[]").file("./manifest.json", "[]").bytes()));
    }

    @Test
    void archiveThatDoesNotExist() {
        Path missing = dir.resolve("nope.tar");

        String message = assertThrows(ImageSourceException.class, () -> ArchiveSource.open(missing, Optional.empty()))
                .getMessage();

        assertEquals(missing + " does not exist", message);
    }

    @Test
    void archiveWithMoreEntriesThanAllowed() {
        Path file = archive(TarBuilder.tar().file("a", "1").file("b", "2").file("c", "3").file("d", "4").bytes());

        assertEquals("app.tar has more than 3 entries",
                assertThrows(ImageSourceException.class, () -> TarIndex.open(file, 3)).getMessage());
    }

    @Test
    void oversizedPaxHeader() {
        int size = TarIndex.MAX_META_BYTES + 1;

        assertEquals("app.tar: the extended header of PaxHeaders/a is larger than 1048576 bytes",
                openError(concat(header("PaxHeaders/a", 'x', size), padded(new byte[size]))));
    }

    @Test
    void malformedPaxHeader() {
        assertEquals("app.tar is corrupt: the PAX header PaxHeaders/a is malformed",
                openError(concat(header("PaxHeaders/a", 'x', 5), padded(bytes("junk\n")), header("a", '0', 0))));
    }

    @Test
    void paxPathNamesTheEntry() {
        // the entry is called "x" in its header; its PAX record makes it the (empty) oci-layout file
        assertEquals("oci-layout in app.tar is not a JSON object", openError(RawTar.paxNamedEmptyFile("oci-layout")));
    }

    @Test
    void gnuLongNameNamesTheEntry() {
        byte[] name = bytes("oci-layout\0");
        assertEquals("oci-layout in app.tar is not a JSON object", openError(concat(
                header("././@LongLink", 'L', name.length), padded(name), header("x", '0', 0))));
    }
}
