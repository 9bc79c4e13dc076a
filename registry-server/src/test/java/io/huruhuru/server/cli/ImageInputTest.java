package io.huruhuru.server.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.huruhuru.oci.ImageReference;
import io.huruhuru.oci.RepositoryName;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ImageInputTest {

    @TempDir
    Path dir;

    @Test
    void transportPrefixesAreExplicit() {
        assertEquals(new ImageInput.Layout(Path.of("./app-layout"), Optional.of("app")),
                ImageInput.parse("oci:./app-layout:app"));
        assertEquals(new ImageInput.Layout(Path.of("./app-layout"), Optional.empty()),
                ImageInput.parse("oci:./app-layout"));
        assertEquals(new ImageInput.Archive(Path.of("app.tar"), Optional.of("v1")),
                ImageInput.parse("oci-archive:app.tar:v1"));
        assertEquals(new ImageInput.Archive(Path.of("app.tar"), Optional.of("kos/app:1.0")),
                ImageInput.parse("docker-archive:app.tar:kos/app:1.0"));
        assertEquals(new ImageInput.Registry(ImageReference.parse("registry:5000/kos/app:1.0")),
                ImageInput.parse("docker://registry:5000/kos/app:1.0"));
    }

    @Test
    void existingPathsAreLocalDirectoriesBeingLayoutsAndFilesArchives() throws Exception {
        Path layout = Files.createDirectory(dir.resolve("layout"));
        Path archive = Files.writeString(dir.resolve("app.tar"), "");

        assertEquals(new ImageInput.Layout(layout, Optional.empty()), ImageInput.parse(layout.toString()));
        assertEquals(new ImageInput.Layout(layout, Optional.of("v1")), ImageInput.parse(layout + ":v1"));
        assertEquals(new ImageInput.Archive(archive, Optional.of("app:1.0")), ImageInput.parse(archive + ":app:1.0"));
    }

    @Test
    void otherwiseAReferenceWithAHostIsARegistryImage() {
        assertEquals(new ImageInput.Registry(ImageReference.parse("127.0.0.1:5000/kos/app:1.0")),
                ImageInput.parse("127.0.0.1:5000/kos/app:1.0"));
    }

    @Test
    void aReferenceWithoutAHostIsNeitherLocalNorRemote() {
        assertThrows(IllegalArgumentException.class, () -> ImageInput.parse("kos/app:1.0"));
        assertEquals("docker://kos/app:1.0 names no registry host: write docker://HOST[:PORT]/NAME:TAG",
                assertThrows(IllegalArgumentException.class, () -> ImageInput.parse("docker://kos/app:1.0"))
                        .getMessage());
    }

    @Test
    void repositoryComesFromAFullNameNeverFromABareTag() {
        RepositoryName kosApp = RepositoryName.parse("kos/app");
        assertEquals(Optional.of(kosApp), ValidateCommand.repositoryOf("registry:5000/kos/app:1.0"));
        assertEquals(Optional.of(RepositoryName.parse("app")),
                ValidateCommand.repositoryOf("docker.io/library/app:1.0"));
        assertEquals(Optional.of(kosApp), ValidateCommand.repositoryOf("kos/app"));
        assertEquals(Optional.empty(), ValidateCommand.repositoryOf("v1"));
    }
}
