package io.huruhuru.oci;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.Optional;
import org.junit.jupiter.api.Test;

class ImageReferenceTest {

    private static final String DIGEST = "sha256:" + "a".repeat(64);

    @Test
    void registryWithPortRepositoryAndTag() {
        ImageReference ref = ImageReference.parse("127.0.0.1:5000/kos/app:1.0");

        assertEquals(Optional.of("127.0.0.1:5000"), ref.registry());
        assertEquals("kos/app", ref.repository().value());
        assertEquals(new Reference.ByTag(Tag.parse("1.0")), ref.reference());
        assertEquals("127.0.0.1:5000/kos/app:1.0", ref.toString());
    }

    @Test
    void digestWinsOverATag() {
        ImageReference ref = ImageReference.parse("registry.example/kos/app:1.0@" + DIGEST);

        assertEquals(new Reference.ByDigest(Digest.parse(DIGEST)), ref.reference());
        assertEquals("registry.example/kos/app@" + DIGEST, ref.toString());
    }

    @Test
    void firstComponentIsARegistryOnlyWithADotAColonOrLocalhost() {
        assertEquals(Optional.empty(), ImageReference.parse("kos/app:1.0").registry());
        assertEquals(Optional.of("localhost"), ImageReference.parse("localhost/app").registry());
        assertEquals(Optional.of("[::1]:5000"), ImageReference.parse("[::1]:5000/app").registry());
        assertEquals(Optional.empty(), ImageReference.parse("app:1.0").registry());
    }

    @Test
    void withoutTagOrDigestItNamesLatest() {
        assertEquals("registry.example/app:latest", ImageReference.parse("registry.example/app").toString());
    }

    @Test
    void normalizedMakesDockerHubExplicit() {
        assertEquals("docker.io/library/app:1.0", ImageReference.parse("app:1.0").normalized());
        assertEquals("docker.io/library/app:1.0", ImageReference.parse("index.docker.io/library/app:1.0").normalized());
        assertEquals("docker.io/kos/app:1.0", ImageReference.parse("kos/app:1.0").normalized());
        assertEquals("registry.example:5000/app:1.0", ImageReference.parse("registry.example:5000/app:1.0")
                .normalized());
    }

    @Test
    void familiarRepositoryDropsDockerHubsLibrary() {
        assertEquals("app", ImageReference.parse("docker.io/library/app:1.0").familiarRepository());
        assertEquals("kos/app", ImageReference.parse("127.0.0.1:5000/kos/app:1.0").familiarRepository());
        assertEquals("library/app", ImageReference.parse("registry.example/library/app").familiarRepository());
    }

    @Test
    void malformedReferencesAreRefused() {
        assertEquals("invalid repository name: Kos/App", assertThrows(IllegalArgumentException.class,
                () -> ImageReference.parse("Kos/App:1.0")).getMessage());
        assertEquals("invalid tag: -bad", assertThrows(IllegalArgumentException.class,
                () -> ImageReference.parse("kos/app:-bad")).getMessage());
        assertEquals("invalid registry host in image reference: bad_host.example", assertThrows(
                IllegalArgumentException.class, () -> ImageReference.parse("bad_host.example/app")).getMessage());
        assertEquals("empty image reference", assertThrows(IllegalArgumentException.class,
                () -> ImageReference.parse("")).getMessage());
    }
}
