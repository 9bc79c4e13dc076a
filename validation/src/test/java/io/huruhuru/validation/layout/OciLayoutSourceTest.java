package io.huruhuru.validation.layout;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.huruhuru.oci.RepositoryName;
import io.huruhuru.validation.ImageSourceException;
import io.huruhuru.validation.ImageValidator;
import io.huruhuru.validation.RuleId;
import io.huruhuru.validation.ValidationReport;
import io.huruhuru.validation.budget.Policy;
import io.huruhuru.validation.fixture.ImageArchives;
import io.huruhuru.validation.fixture.TarBuilder;
import io.huruhuru.validation.fixture.TestImage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class OciLayoutSourceTest {

    private static final RepositoryName KOS_HELLO = RepositoryName.parse("kos/hello");

    @TempDir
    Path dir;

    @Test
    void validatesAnImageFromALayoutDirectory() throws Exception {
        TestImage.hello().source().writeLayout(dir, "v1");

        ValidationReport report = new ImageValidator().validate(OciLayoutSource.open(dir, Optional.empty()),
                Policy.NONE, KOS_HELLO);

        assertTrue(report.koskit());
        assertTrue(report.passed(), report.allViolations()::toString);
        assertEquals(TestImage.OCI_MANIFEST, report.mediaType());
    }

    @Test
    void picksTheImageByReferenceName() throws Exception {
        TestImage.hello().label("com.koskit.app.spec.priority", "x").source().writeLayout(dir, "v2");

        ValidationReport report = new ImageValidator().validate(OciLayoutSource.open(dir, Optional.of("v2")),
                Policy.NONE, KOS_HELLO);

        assertEquals(RuleId.LABEL_TYPE, report.allViolations().get(0).rule());
        assertThrows(ImageSourceException.class, () -> OciLayoutSource.open(dir, Optional.of("v3")).manifest());
    }

    @Test
    void imageNameIsContainerdsFullNameElseTheRefName() throws Exception {
        Path docker = Files.createDirectory(dir.resolve("docker"));
        Path buildah = Files.createDirectory(dir.resolve("buildah"));
        ImageArchives.layout(docker, List.of(new ImageArchives.Named(TestImage.hello(), Map.of(
                OciLayoutSource.CONTAINERD_NAME, "docker.io/library/app:1.0", OciLayoutSource.REF_NAME, "1.0"))));
        ImageArchives.layout(buildah, List.of(ImageArchives.Named.ref(TestImage.hello(), "app")));

        assertEquals(Optional.of("docker.io/library/app:1.0"),
                OciLayoutSource.open(docker, Optional.of("app:1.0")).imageName());
        assertEquals(Optional.of("docker.io/library/app:1.0"),
                OciLayoutSource.open(docker, Optional.of("1.0")).imageName());
        assertEquals(Optional.of("app"), OciLayoutSource.open(buildah, Optional.empty()).imageName());
    }

    @Test
    void directoryWithoutOciLayoutFileIsNotALayout() {
        assertThrows(ImageSourceException.class, () -> OciLayoutSource.open(dir, Optional.empty()));
    }

    @Test
    void layerBlobNotMatchingItsDigestCannotBeRead() throws Exception {
        TestImage.hello().source().writeLayout(dir, "v1");
        String layer = TarBuilder.sha256(TestImage.helloLayer().gzipLayer().blob()).substring("sha256:".length());
        // valid gzip tar, but not the content the digest names
        Files.write(dir.resolve("blobs/sha256").resolve(layer), TestImage.helloLayer().file("x", "y").gzipLayer()
                .blob());

        assertThrows(java.io.IOException.class, () -> new ImageValidator().validate(
                OciLayoutSource.open(dir, Optional.empty()), Policy.NONE, KOS_HELLO));
    }

    @Test
    void missingBlobCannotBeRead() throws Exception {
        TestImage.hello().source().writeLayout(dir, "v1");
        String layer = TarBuilder.sha256(TestImage.helloLayer().gzipLayer().blob()).substring("sha256:".length());
        Files.delete(dir.resolve("blobs/sha256").resolve(layer));

        assertThrows(ImageSourceException.class, () -> new ImageValidator().validate(
                OciLayoutSource.open(dir, Optional.empty()), Policy.NONE, KOS_HELLO));
    }
}
