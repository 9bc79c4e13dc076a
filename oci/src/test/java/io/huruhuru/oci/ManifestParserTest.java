package io.huruhuru.oci;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class ManifestParserTest {

    private static byte[] fixture(String name) throws IOException {
        try (InputStream in = ManifestParserTest.class.getResourceAsStream("/oci/manifests/" + name)) {
            return in.readAllBytes();
        }
    }

    private static ManifestInvalidException invalid(String json, String contentType) {
        return assertThrows(ManifestInvalidException.class,
                () -> ManifestParser.parse(json.getBytes(StandardCharsets.UTF_8), contentType));
    }

    @Test
    void ociManifestGivesConfigLayersSubjectAndAnnotations() throws IOException {
        Manifest manifest = ManifestParser.parse(fixture("oci-manifest.json"), MediaType.OCI_MANIFEST);

        ImageManifest image = assertInstanceOf(ImageManifest.class, manifest);
        assertEquals(MediaType.OCI_CONFIG, image.config().mediaType());
        assertEquals(7023, image.config().size());
        assertEquals(2, image.layers().size());
        assertEquals(DigestAlgorithm.SHA512, image.layers().get(1).digest().algorithm());
        assertEquals(Optional.of("layer2"), Optional.ofNullable(image.layers().get(1).annotations().get("org.opencontainers.image.title")));
        assertEquals("sha256:5b0bcabd1ed22e9fb1310cf6c2dec7cdef19f0ad69efa1f392e94a4333501270",
                image.subject().orElseThrow().digest().toString());
        assertEquals("value1", image.annotations().get("com.example.key1"));
        assertEquals(3, image.references().size());
        assertEquals(Optional.of(MediaType.OCI_CONFIG), image.effectiveArtifactType());
    }

    @Test
    void artifactTypeWinsOverTheConfigMediaType() throws IOException {
        Manifest manifest = ManifestParser.parse(fixture("oci-artifact.json"), MediaType.OCI_MANIFEST);

        assertEquals(Optional.of("application/vnd.example.sbom.v1"), manifest.effectiveArtifactType());
        assertEquals(List.of(), ((ImageManifest) manifest).layers());
    }

    @Test
    void ociIndexGivesPlatformsOfItsManifests() throws IOException {
        ImageIndex index = assertInstanceOf(ImageIndex.class,
                ManifestParser.parse(fixture("oci-index.json"), MediaType.OCI_INDEX + "; charset=utf-8"));

        assertEquals(2, index.manifests().size());
        assertEquals("linux/arm64/v8", index.manifests().get(0).platform().orElseThrow().toString());
        assertEquals(List.of("sse4"), index.manifests().get(1).platform().orElseThrow().osFeatures());
    }

    @Test
    void dockerSchema2FormsAreImageManifestAndIndex() throws IOException {
        assertInstanceOf(ImageManifest.class, ManifestParser.parse(fixture("docker-manifest.json"), MediaType.DOCKER_MANIFEST));
        assertInstanceOf(ImageIndex.class, ManifestParser.parse(fixture("docker-manifest-list.json"), MediaType.DOCKER_MANIFEST_LIST));
    }

    @Test
    void mediaTypeFromContentTypeWhenThePayloadHasNone() {
        String json = "{\"schemaVersion\":2,\"manifests\":[]}";

        Manifest manifest = ManifestParser.parse(json.getBytes(StandardCharsets.UTF_8), MediaType.OCI_INDEX);

        assertEquals(MediaType.OCI_INDEX, manifest.mediaType());
    }

    @Test
    void schema1IsAnUnsupportedType() throws IOException {
        ManifestInvalidException e = assertThrows(UnsupportedManifestTypeException.class,
                () -> ManifestParser.parse(fixture("docker-schema1.json"), MediaType.DOCKER_SCHEMA1_SIGNED));

        assertTrue(e.getMessage().contains("schema 1"), e.getMessage());
    }

    @Test
    void contentTypeThatDisagreesWithThePayloadIsInvalid() throws IOException {
        String json = new String(fixture("oci-manifest.json"), StandardCharsets.UTF_8);

        ManifestInvalidException e = invalid(json, MediaType.DOCKER_MANIFEST);

        assertEquals("Content-Type application/vnd.docker.distribution.manifest.v2+json does not match the manifest's"
                + " mediaType application/vnd.oci.image.manifest.v1+json", e.getMessage());
    }

    @Test
    void unknownMediaTypeIsUnsupported() {
        assertInstanceOf(UnsupportedManifestTypeException.class,
                invalid("{\"schemaVersion\":2,\"mediaType\":\"text/plain\"}", ""));
    }

    @Test
    void eachMalformedPartIsNamed() {
        String config = "\"config\":{\"mediaType\":\"a/b\",\"digest\":\"sha256:" + "a".repeat(64) + "\",\"size\":1}";
        String head = "{\"schemaVersion\":2,\"mediaType\":\"" + MediaType.OCI_MANIFEST + "\",";
        assertTrue(invalid("{", MediaType.OCI_MANIFEST).getMessage().startsWith("manifest is not valid JSON: "));
        assertEquals("schemaVersion must be 2", invalid("{\"mediaType\":\"" + MediaType.OCI_MANIFEST + "\"}", "").getMessage());
        assertEquals("an image manifest needs a config descriptor", invalid(head + "\"layers\":[]}", "").getMessage());
        assertEquals("layers must be an array of descriptors", invalid(head + config + "}", "").getMessage());
        assertEquals("layers[0].digest: invalid sha256 digest encoding: zz",
                invalid(head + config + ",\"layers\":[{\"mediaType\":\"a/b\",\"digest\":\"sha256:zz\",\"size\":1}]}", "").getMessage());
        assertEquals("layers[0].size must be a non-negative integer",
                invalid(head + config + ",\"layers\":[{\"mediaType\":\"a/b\",\"digest\":\"sha256:" + "b".repeat(64)
                        + "\",\"size\":-1}]}", "").getMessage());
        assertEquals("config.mediaType is required",
                invalid(head + "\"config\":{\"digest\":\"sha256:" + "a".repeat(64) + "\",\"size\":1},\"layers\":[]}", "").getMessage());
        assertEquals("the manifest has no mediaType and the request no Content-Type",
                invalid("{\"schemaVersion\":2,\"manifests\":[]}", null).getMessage());
    }
}
