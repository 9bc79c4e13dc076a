package io.huruhuru.server.validation;

import static io.huruhuru.server.RunningRegistry.text;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.huruhuru.server.OciErrors;
import io.huruhuru.server.RunningRegistry;
import io.huruhuru.validation.fixture.TestImage;
import java.io.IOException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** {@code POST /sel4/v1/validations} checks a manifest without storing it. */
class ValidationEndpointTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    @RegisterExtension
    final RunningRegistry registry = new RunningRegistry();

    @Test
    void manifestBodyWhoseBlobsAreUploadedIsCheckedAndNotStored() throws IOException {
        TestImage image = TestImage.hello().label("com.koskit.app.spec.priority", "200");
        image.blobs().values().forEach(blob -> registry.pushBlob("kos/hello", blob));

        HttpResponse<byte[]> response = post("/sel4/v1/validations?repository=kos/hello", image.manifestMediaType(),
                image.manifestBytes());

        assertEquals(200, response.statusCode(), () -> text(response));
        assertEquals("rejected", response.headers().firstValue("Huruhuru-Validation").orElseThrow());
        JsonNode report = JSON.readTree(response.body());
        assertFalse(report.path("passed").asBoolean());
        assertTrue(PushValidationTest.violations(report).contains("label.priority-order"));
        String digest = RunningRegistry.sha256(image.manifestBytes());
        OciErrors.assertError(registry.get("/v2/kos/hello/manifests/" + digest), 404, "MANIFEST_UNKNOWN");
    }

    @Test
    void storedManifestIsCheckedByTagInTheAskedFormat() throws IOException {
        TestImage image = TestImage.hello();
        image.blobs().values().forEach(blob -> registry.pushBlob("kos/hello", blob));
        assertEquals(201, registry.putManifest("kos/hello", "1.0", image.manifestMediaType(), image.manifestBytes())
                .statusCode());

        HttpResponse<byte[]> response = post("/sel4/v1/validations?repository=kos/hello&reference=1.0&format=sarif",
                null, new byte[0]);

        assertEquals(200, response.statusCode(), () -> text(response));
        assertEquals("passed", response.headers().firstValue("Huruhuru-Validation").orElseThrow());
        assertEquals("application/sarif+json", response.headers().firstValue("Content-Type").orElseThrow());
        assertEquals("2.1.0", JSON.readTree(response.body()).path("version").asText());
    }

    @Test
    void manifestBodyReferencingAMissingBlobIsManifestBlobUnknown() {
        TestImage image = TestImage.hello();

        HttpResponse<byte[]> response = post("/sel4/v1/validations?repository=kos/hello", image.manifestMediaType(),
                image.manifestBytes());

        OciErrors.assertError(response, 400, "MANIFEST_BLOB_UNKNOWN");
    }

    @Test
    void unknownReferenceIsManifestUnknown() {
        OciErrors.assertError(post("/sel4/v1/validations?repository=kos/hello&reference=nope", null, new byte[0]),
                404, "MANIFEST_UNKNOWN");
    }

    @Test
    void missingOrInvalidRepositoryIsNameInvalid() {
        OciErrors.assertError(post("/sel4/v1/validations?reference=1.0", null, new byte[0]), 400, "NAME_INVALID");
        OciErrors.assertError(post("/sel4/v1/validations?repository=Kos&reference=1.0", null, new byte[0]), 400,
                "NAME_INVALID");
    }

    @Test
    void unknownFormatIsRefused() {
        OciErrors.assertError(post("/sel4/v1/validations?repository=kos/hello&reference=1.0&format=pdf", null,
                new byte[0]), 400, "REPORT_FORMAT_INVALID");
    }

    @Test
    void bodyThatIsNotAManifestIsManifestInvalidInTheReport() throws IOException {
        HttpResponse<byte[]> response = post("/sel4/v1/validations?repository=kos/hello", TestImage.OCI_MANIFEST,
                "{not json".getBytes(java.nio.charset.StandardCharsets.UTF_8));

        assertEquals(200, response.statusCode(), () -> text(response));
        assertTrue(PushValidationTest.violations(JSON.readTree(response.body())).contains("manifest.invalid"),
                () -> text(response));
    }

    private HttpResponse<byte[]> post(String path, String contentType, byte[] body) {
        HttpRequest.Builder request = registry.request(path).POST(HttpRequest.BodyPublishers.ofByteArray(body));
        if (contentType != null) {
            request.header("Content-Type", contentType);
        }
        return registry.send(request.build());
    }
}
