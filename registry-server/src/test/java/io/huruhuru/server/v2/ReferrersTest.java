package io.huruhuru.server.v2;

import static io.huruhuru.server.OciErrors.assertError;
import static io.huruhuru.server.v2.ImageFixture.utf8;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.huruhuru.server.RunningRegistry;
import java.net.http.HttpResponse;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

class ReferrersTest {

    private static final String OCI_MANIFEST = "application/vnd.oci.image.manifest.v1+json";
    private static final ObjectMapper JSON = new ObjectMapper();

    @RegisterExtension
    final RunningRegistry registry = new RunningRegistry().unsigned();

    private String subject;
    private int subjectSize;

    @BeforeEach
    void pushSubject() {
        byte[] manifest = utf8(ImageFixture.push(registry, "repo", 1).ociManifest());
        subject = RunningRegistry.sha256(manifest);
        subjectSize = manifest.length;
        registry.putManifest("repo", "v1", OCI_MANIFEST, manifest);
    }

    private String pushReferrer(String artifactType, int seed) {
        ImageFixture image = ImageFixture.push(registry, "repo", seed);
        byte[] referrer = utf8(image.ociManifest(",\"artifactType\":\"" + artifactType + "\",\"subject\":{\"mediaType\":\""
                + OCI_MANIFEST + "\",\"digest\":\"" + subject + "\",\"size\":" + subjectSize + "},"
                + "\"annotations\":{\"org.example.seed\":\"" + seed + "\"}"));
        String digest = RunningRegistry.sha256(referrer);
        HttpResponse<byte[]> put = registry.putManifest("repo", digest, OCI_MANIFEST, referrer);
        assertEquals(201, put.statusCode());
        assertEquals(subject, put.headers().firstValue("OCI-Subject").orElseThrow());
        return digest;
    }

    private JsonNode referrers(HttpResponse<byte[]> response) throws Exception {
        assertEquals(200, response.statusCode());
        assertEquals("application/vnd.oci.image.index.v1+json", response.headers().firstValue("Content-Type").orElseThrow());
        JsonNode index = JSON.readTree(response.body());
        assertEquals(2, index.get("schemaVersion").asInt());
        return index.get("manifests");
    }

    @Test
    void referrersOfASubjectAreListedWithTheirArtifactTypeAndAnnotations() throws Exception {
        String signature = pushReferrer("application/vnd.example.signature", 2);
        String sbom = pushReferrer("application/vnd.example.sbom", 3);

        JsonNode manifests = referrers(registry.get("/v2/repo/referrers/" + subject));

        assertEquals(2, manifests.size());
        for (JsonNode descriptor : manifests) {
            assertTrue(descriptor.get("digest").asText().equals(signature) || descriptor.get("digest").asText().equals(sbom));
            assertEquals(OCI_MANIFEST, descriptor.get("mediaType").asText());
            assertTrue(descriptor.get("artifactType").asText().startsWith("application/vnd.example."));
            assertTrue(descriptor.get("annotations").has("org.example.seed"));
        }
    }

    @Test
    void artifactTypeFilterIsAppliedAndAnnounced() throws Exception {
        pushReferrer("application/vnd.example.signature", 2);
        String sbom = pushReferrer("application/vnd.example.sbom", 3);

        HttpResponse<byte[]> response = registry.get("/v2/repo/referrers/" + subject + "?artifactType=application/vnd.example.sbom");
        JsonNode manifests = referrers(response);

        assertEquals("artifactType", response.headers().firstValue("OCI-Filters-Applied").orElseThrow());
        assertEquals(1, manifests.size());
        assertEquals(sbom, manifests.get(0).get("digest").asText());
    }

    @Test
    void unknownSubjectGivesAnEmptyIndex() throws Exception {
        JsonNode manifests = referrers(registry.get("/v2/repo/referrers/" + RunningRegistry.sha256(utf8("none"))));

        assertEquals(0, manifests.size());
    }

    @Test
    void deletingAReferrerRemovesItFromTheList() throws Exception {
        String signature = pushReferrer("application/vnd.example.signature", 2);

        registry.send(registry.request("/v2/repo/manifests/" + signature).DELETE().build());

        assertEquals(0, referrers(registry.get("/v2/repo/referrers/" + subject)).size());
    }

    @Test
    void invalidSubjectDigestIsDigestInvalid() {
        assertError(registry.get("/v2/repo/referrers/sha256:nothex"), 400, "DIGEST_INVALID");
    }
}
