package io.huruhuru.validation.archive;

import static io.huruhuru.validation.fixture.ImageArchives.Named.ref;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.huruhuru.oci.RepositoryName;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.huruhuru.validation.ImageSourceException;
import io.huruhuru.validation.ImageValidator;
import io.huruhuru.validation.RuleId;
import io.huruhuru.validation.ValidationReport;
import io.huruhuru.validation.budget.Policy;
import io.huruhuru.validation.fixture.ImageArchives;
import io.huruhuru.validation.fixture.ImageArchives.Named;
import io.huruhuru.validation.fixture.TarBuilder;
import io.huruhuru.validation.fixture.TestImage;
import io.huruhuru.oci.MediaType;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ArchiveSourceTest {

    private static final RepositoryName KOS_HELLO = RepositoryName.parse("kos/hello");

    private static final String FAILING_PRIORITY = "x";

    @TempDir
    Path dir;

    private Path ociArchive(List<Named> images) throws Exception {
        Path layout = Files.createDirectory(dir.resolve("layout"));
        ImageArchives.layout(layout, images);
        return ImageArchives.write(dir.resolve("app.tar"), ImageArchives.tarOf(layout).bytes());
    }

    private static ValidationReport validate(ArchiveSource source) throws Exception {
        try (source) {
            return new ImageValidator().validate(source, Policy.NONE, KOS_HELLO);
        }
    }

    /** The hello image with an uncompressed layer, as docker archives keep layers. */
    private static TestImage dockerHello() {
        return TestImage.hello().layers(TestImage.helloLayer().tarLayer());
    }

    @Test
    void ociArchiveIsValidatedLikeItsLayout() throws Exception {
        TestImage image = TestImage.hello();
        Path archive = ociArchive(List.of(ref(image, "v1")));

        ValidationReport report = validate(ArchiveSource.open(archive, Optional.empty()));

        assertTrue(report.koskit());
        assertTrue(report.passed(), report.allViolations()::toString);
        assertEquals(MediaType.OCI_MANIFEST, report.mediaType());
        assertEquals(TarBuilder.sha256(image.manifestBytes()), report.digest());
    }

    @Test
    void ociArchivePicksTheImageByItsRefName() throws Exception {
        Path archive = ociArchive(List.of(ref(TestImage.hello(), "v1"),
                ref(TestImage.hello().label("com.koskit.app.spec.priority", FAILING_PRIORITY), "v2")));

        ValidationReport v1 = validate(ArchiveSource.open(archive, Optional.of("v1")));
        ValidationReport v2 = validate(ArchiveSource.open(archive, Optional.of("v2")));

        assertTrue(v1.passed(), v1.allViolations()::toString);
        assertEquals(RuleId.LABEL_TYPE, v2.allViolations().get(0).rule());
        assertEquals("index.json in app.tar has no image named v3", assertThrows(ImageSourceException.class,
                () -> ArchiveSource.open(archive, Optional.of("v3"))).getMessage());
    }

    @Test
    void ociArchiveWithSeveralImagesAndNoReferenceIsValidatedAsAnIndex() throws Exception {
        Path archive = ociArchive(List.of(ref(TestImage.hello(), "v1"), ref(TestImage.hello().architecture("amd64"),
                "v2")));

        ValidationReport report = validate(ArchiveSource.open(archive, Optional.empty()));

        assertEquals(MediaType.OCI_INDEX, report.mediaType());
        assertEquals(2, report.images().size());
    }

    @Test
    void dockerArchiveIsValidatedAsTheDockerSchema2ManifestOfItsFiles() throws Exception {
        TarBuilder tar = TarBuilder.tar();
        ImageArchives.manifestJson(tar, ImageArchives.addDockerImage(tar, dockerHello(), "", "kos/hello:1.0"));
        Path archive = ImageArchives.write(dir.resolve("app.tar"), tar.bytes());

        try (ArchiveSource source = ArchiveSource.open(archive, Optional.empty())) {
            JsonNode manifest = new ObjectMapper().readTree(source.manifest().body());
            ValidationReport report = new ImageValidator().validate(source, Policy.NONE, KOS_HELLO);

            assertTrue(report.passed(), report.allViolations()::toString);
            assertEquals(MediaType.DOCKER_MANIFEST, report.mediaType());
            assertEquals(MediaType.DOCKER_CONFIG, manifest.at("/config/mediaType").asText());
            assertEquals(MediaType.DOCKER_LAYER, manifest.at("/layers/0/mediaType").asText());
            assertEquals(TarBuilder.sha256(TestImage.helloLayer().bytes()), manifest.at("/layers/0/digest").asText());
            assertEquals(Optional.of("kos/hello:1.0"), source.imageName());
        }
    }

    @Test
    void dockerArchiveLayerCompressedWithGzipGetsTheGzipMediaType() throws Exception {
        TarBuilder tar = TarBuilder.tar();
        ImageArchives.manifestJson(tar, ImageArchives.addDockerImage(tar, TestImage.hello(), "", "kos/hello:1.0"));

        try (ArchiveSource source = ArchiveSource.open(ImageArchives.write(dir.resolve("app.tar"), tar.bytes()),
                Optional.empty())) {
            JsonNode manifest = new ObjectMapper().readTree(source.manifest().body());

            assertEquals(MediaType.DOCKER_LAYER_GZIP, manifest.at("/layers/0/mediaType").asText());
        }
    }

    @Test
    void dockerArchivePicksTheImageByRepoTagAsDockerNormalisesNames() throws Exception {
        TarBuilder tar = TarBuilder.tar();
        ImageArchives.manifestJson(tar,
                ImageArchives.addDockerImage(tar, dockerHello(), "a", "docker.io/library/app:1.0"),
                ImageArchives.addDockerImage(tar, dockerHello().label("com.koskit.app.spec.priority", FAILING_PRIORITY),
                        "b", "registry.example:5000/kos/app:2.0"));
        Path archive = ImageArchives.write(dir.resolve("app.tar"), tar.bytes());

        ValidationReport familiar = validate(ArchiveSource.open(archive, Optional.of("app:1.0")));
        ValidationReport full = validate(ArchiveSource.open(archive, Optional.of("registry.example:5000/kos/app:2.0")));

        assertTrue(familiar.passed(), familiar.allViolations()::toString);
        assertEquals(RuleId.LABEL_TYPE, full.allViolations().get(0).rule());
        assertEquals("app.tar has no image tagged kos/app:2.0 (it has: docker.io/library/app:1.0, "
                + "registry.example:5000/kos/app:2.0)", assertThrows(ImageSourceException.class,
                        () -> ArchiveSource.open(archive, Optional.of("kos/app:2.0"))).getMessage());
        assertEquals("app.tar holds 2 images (docker.io/library/app:1.0, registry.example:5000/kos/app:2.0); choose "
                + "one by its RepoTag", assertThrows(ImageSourceException.class,
                        () -> ArchiveSource.open(archive, Optional.empty())).getMessage());
    }

    @Test
    void archiveWithBothAnOciLayoutAndManifestJsonIsReadAsTheOciLayout() throws Exception {
        // docker save since Docker 25: an OCI layout whose entries carry containerd's full name, plus manifest.json
        Path layout = Files.createDirectory(dir.resolve("layout"));
        ImageArchives.layout(layout, List.of(new Named(TestImage.hello(), Map.of(
                "io.containerd.image.name", "docker.io/library/app:1.0", "org.opencontainers.image.ref.name", "1.0"))));
        TarBuilder tar = ImageArchives.tarOf(layout).file("manifest.json", "[{\"Config\":\"blobs/sha256/missing\","
                + "\"RepoTags\":[\"app:1.0\"],\"Layers\":[]}]");
        Path archive = ImageArchives.write(dir.resolve("app.tar"), tar.bytes());

        try (ArchiveSource source = ArchiveSource.open(archive, Optional.of("app:1.0"))) {
            ValidationReport report = new ImageValidator().validate(source, Policy.NONE, RepositoryName.parse("app"));

            assertTrue(report.passed(), report.allViolations()::toString);
            assertEquals(MediaType.OCI_MANIFEST, report.mediaType());
            assertEquals(Optional.of("docker.io/library/app:1.0"), source.imageName());
        }
    }

    @Test
    void layerStreamsOfOneArchiveCanBeReadInterleaved() throws Exception {
        TestImage image = TestImage.hello().addLayer(TarBuilder.tar().file("etc/motd", "hi").gzipLayer());
        Path archive = ociArchive(List.of(ref(image, "v1")));
        JsonNode manifest = new ObjectMapper().readTree(image.manifestBytes());
        byte[] first = image.source().blobs().get(manifest.at("/layers/0/digest").asText());
        byte[] second = image.source().blobs().get(manifest.at("/layers/1/digest").asText());

        try (ArchiveSource source = ArchiveSource.open(archive, Optional.empty());
                InputStream a = source.openBlob(io.huruhuru.oci.Digest.parse(
                        manifest.at("/layers/0/digest").asText()));
                InputStream b = source.openBlob(io.huruhuru.oci.Digest.parse(
                        manifest.at("/layers/1/digest").asText()))) {
            byte[] a1 = a.readNBytes(10);
            byte[] b1 = b.readAllBytes();
            byte[] a2 = a.readAllBytes();

            assertEquals(TarBuilder.sha256(first), TarBuilder.sha256(concat(a1, a2)));
            assertEquals(TarBuilder.sha256(second), TarBuilder.sha256(b1));
            assertFalse(a1.length == 0);
        }
    }

    private static byte[] concat(byte[] a, byte[] b) {
        byte[] all = new byte[a.length + b.length];
        System.arraycopy(a, 0, all, 0, a.length);
        System.arraycopy(b, 0, all, a.length, b.length);
        return all;
    }
}
