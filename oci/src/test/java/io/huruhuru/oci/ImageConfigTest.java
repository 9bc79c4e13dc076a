package io.huruhuru.oci;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class ImageConfigTest {

    private static ImageConfig parse(String json) {
        return ImageConfig.parse(json.getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void readsAnOciConfig() {
        ImageConfig config = parse("""
                {"created":"2024-01-01T00:00:00Z","architecture":"arm64","variant":"v8","os":"linux",
                 "config":{"Env":["PATH=/bin:/usr/bin"],"Entrypoint":["/bin/hello"],"Cmd":["--verbose"],
                   "WorkingDir":"/srv","User":"1000:1000",
                   "Labels":{"com.koskit.app.name":"hello","org.opencontainers.image.title":"x"}},
                 "rootfs":{"type":"layers","diff_ids":["sha256:%s"]},
                 "history":[{"created_by":"COPY hello /bin/","comment":"buildkit"},{"empty_layer":true}]}
                """.formatted("a".repeat(64)));

        assertEquals("arm64", config.architecture());
        assertEquals(Optional.of("v8"), config.variant());
        assertEquals("linux", config.os());
        assertEquals(List.of("com.koskit.app.name", "org.opencontainers.image.title"),
                List.copyOf(config.labels().keySet()));
        assertEquals(List.of("/bin/hello"), config.entrypoint());
        assertEquals(List.of("--verbose"), config.cmd());
        assertEquals("/srv", config.workingDir());
        assertEquals("1000:1000", config.user());
        assertEquals(Optional.of("/bin:/usr/bin"), config.path());
        assertEquals("sha256:" + "a".repeat(64), config.diffIds().get(0).toString());
        assertEquals(2, config.history().size());
        assertEquals(Optional.of("COPY hello /bin/"), config.history().get(0).createdBy());
        assertTrue(config.history().get(1).emptyLayer());
    }

    @Test
    void readsADockerConfigWithItsExtraFields() {
        ImageConfig config = parse("""
                {"architecture":"amd64","os":"linux","docker_version":"24.0.7",
                 "container":"abc","container_config":{"Hostname":"abc","Labels":{"ignored":"yes"}},
                 "config":{"Hostname":"","Labels":null,"Entrypoint":null,"OnBuild":null},
                 "rootfs":{"type":"layers","diff_ids":[]}}
                """);

        assertEquals("amd64", config.architecture());
        assertTrue(config.labels().isEmpty());
        assertTrue(config.entrypoint().isEmpty());
        assertTrue(config.path().isEmpty());
    }

    @Test
    void minimalConfigHasEmptyValues() {
        ImageConfig config = parse("{}");

        assertEquals("", config.architecture());
        assertTrue(config.diffIds().isEmpty());
        assertTrue(config.history().isEmpty());
    }

    @Test
    void notAnObjectIsInvalid() {
        assertThrows(ImageConfigInvalidException.class, () -> parse("[]"));
        assertThrows(ImageConfigInvalidException.class, () -> parse("{"));
    }

    @Test
    void labelThatIsNotAStringIsInvalid() {
        ImageConfigInvalidException e = assertThrows(ImageConfigInvalidException.class,
                () -> parse("{\"config\":{\"Labels\":{\"com.koskit.app.spec.priority\":180}}}"));

        assertEquals("config.Labels.com.koskit.app.spec.priority must be a string", e.getMessage());
    }

    @Test
    void entrypointThatIsAStringIsInvalid() {
        ImageConfigInvalidException e = assertThrows(ImageConfigInvalidException.class,
                () -> parse("{\"config\":{\"Entrypoint\":\"/bin/sh -c hello\"}}"));

        assertEquals("config.Entrypoint must be an array of strings", e.getMessage());
    }

    @Test
    void malformedDiffIdIsInvalid() {
        ImageConfigInvalidException e = assertThrows(ImageConfigInvalidException.class,
                () -> parse("{\"rootfs\":{\"diff_ids\":[\"sha256:xyz\"]}}"));

        assertTrue(e.getMessage().startsWith("rootfs.diff_ids: "), e.getMessage());
    }

    @Test
    void duplicateKeysAreInvalid() {
        assertThrows(ImageConfigInvalidException.class, () -> parse("{\"os\":\"linux\",\"os\":\"windows\"}"));
    }
}
