package io.huruhuru.server.validation;

import static io.huruhuru.server.RunningRegistry.text;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.huruhuru.server.OciErrors;
import io.huruhuru.server.RunningRegistry;
import io.huruhuru.validation.fixture.TarBuilder;
import io.huruhuru.validation.fixture.TestImage;
import java.io.IOException;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Pushes of koskit images are checked before anything is stored; the report is kept with an accepted manifest. */
class PushValidationTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    @RegisterExtension
    final RunningRegistry registry = new RunningRegistry();

    @Test
    void validKoskitImageIsAcceptedAndItsReportKept() throws IOException {
        TestImage image = TestImage.hello();

        HttpResponse<byte[]> put = push("kos/hello", "1.0", image);

        assertEquals(201, put.statusCode(), () -> text(put));
        String digest = put.headers().firstValue("Docker-Content-Digest").orElseThrow();
        HttpResponse<byte[]> report = registry.get("/sel4/v1/validations/kos/hello/" + digest);
        assertEquals(200, report.statusCode(), () -> text(report));
        assertEquals("application/json", report.headers().firstValue("Content-Type").orElseThrow());
        JsonNode json = JSON.readTree(report.body());
        assertTrue(json.path("koskit").asBoolean());
        assertTrue(json.path("passed").asBoolean(), () -> json.toPrettyString());
        assertEquals(digest, json.path("digest").asText());
        assertEquals("kos/hello", json.path("repository").asText());
    }

    @Test
    void pushRejectsPriorityAboveMaxPriorityAndStoresNothing() {
        TestImage image = TestImage.hello().label("com.koskit.app.spec.priority", "200");

        HttpResponse<byte[]> put = push("kos/hello", "1.0", image);

        JsonNode error = OciErrors.assertError(put, 400, "MANIFEST_INVALID");
        String message = error.path("message").asText();
        assertTrue(message.startsWith("koskit validation failed with "), message);
        assertTrue(message.contains("com.koskit.app.spec.priority"), message);
        JsonNode detail = error.path("detail");
        assertFalse(detail.path("passed").asBoolean());
        assertTrue(detail.path("rejects").asBoolean());
        assertTrue(violations(detail).contains("label.priority-order"), () -> violations(detail).toString());
        OciErrors.assertError(registry.get("/v2/kos/hello/manifests/1.0"), 404, "MANIFEST_UNKNOWN");
        String digest = RunningRegistry.sha256(image.manifestBytes());
        OciErrors.assertError(registry.get("/v2/kos/hello/manifests/" + digest), 404, "MANIFEST_UNKNOWN");
        OciErrors.assertError(registry.get("/sel4/v1/validations/kos/hello/" + digest), 404, "MANIFEST_UNKNOWN");
    }

    @Test
    void pushRejectsAnImageWhoseBinaryIsMissing() {
        TestImage image = TestImage.hello()
                .layers(TarBuilder.tar().file("share.spec.json", TestImage.SPEC_JSON).gzipLayer());

        JsonNode error = OciErrors.assertError(push("kos/hello", "1.0", image), 400, "MANIFEST_INVALID");

        assertTrue(error.path("message").asText().contains("rootfs.binary.missing"), error.toString());
    }

    @Test
    void imageWithoutKoskitLabelsIsNotAffected() {
        TestImage image = TestImage.plain();

        HttpResponse<byte[]> put = push("lib/plain", "1.0", image);

        assertEquals(201, put.statusCode(), () -> text(put));
        String digest = put.headers().firstValue("Docker-Content-Digest").orElseThrow();
        JsonNode error = OciErrors.assertError(registry.get("/sel4/v1/validations/lib/plain/" + digest), 404,
                "MANIFEST_UNKNOWN");
        assertTrue(error.path("detail").asText().contains("not a koskit image"), error.toString());
    }

    @Test
    void indexIsAcceptedWhenEveryPlatformImagePasses() throws IOException {
        TestImage arm = TestImage.hello();
        TestImage other = TestImage.plain().architecture("amd64");
        String armDigest = pushByDigest("kos/multi", arm);
        String otherDigest = pushByDigest("kos/multi", other);
        String index = "{\"schemaVersion\":2,\"mediaType\":\"" + TestImage.OCI_INDEX + "\",\"manifests\":["
                + entry(armDigest, arm, "arm64") + "," + entry(otherDigest, other, "amd64") + "]}";

        HttpResponse<byte[]> put = registry.putManifest("kos/multi", "1.0", TestImage.OCI_INDEX,
                index.getBytes(java.nio.charset.StandardCharsets.UTF_8));

        assertEquals(201, put.statusCode(), () -> text(put));
        String digest = put.headers().firstValue("Docker-Content-Digest").orElseThrow();
        JsonNode report = JSON.readTree(registry.get("/sel4/v1/validations/kos/multi/" + digest).body());
        assertEquals(2, report.path("images").size(), report::toPrettyString);
        assertTrue(report.path("passed").asBoolean());
    }

    @Test
    void reportOfAnInvalidDigestIsDigestInvalid() {
        OciErrors.assertError(registry.get("/sel4/v1/validations/kos/hello/sha256:nothex"), 400, "DIGEST_INVALID");
    }

    private HttpResponse<byte[]> push(String repository, String tag, TestImage image) {
        image.blobs().values().forEach(blob -> registry.pushBlob(repository, blob));
        return registry.putManifest(repository, tag, image.manifestMediaType(), image.manifestBytes());
    }

    private String pushByDigest(String repository, TestImage image) {
        String digest = RunningRegistry.sha256(image.manifestBytes());
        HttpResponse<byte[]> put = push(repository, digest, image);
        assertEquals(201, put.statusCode(), () -> text(put));
        return digest;
    }

    private static String entry(String digest, TestImage image, String architecture) {
        return "{\"mediaType\":\"" + image.manifestMediaType() + "\",\"digest\":\"" + digest + "\",\"size\":"
                + image.manifestBytes().length + ",\"platform\":{\"os\":\"linux\",\"architecture\":\""
                + architecture + "\"}}";
    }

    static List<String> violations(JsonNode report) {
        List<String> rules = new ArrayList<>();
        report.path("violations").forEach(v -> rules.add(v.path("rule").asText()));
        report.path("images").forEach(i -> i.path("violations").forEach(v -> rules.add(v.path("rule").asText())));
        return rules;
    }
}
