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
import java.net.http.HttpResponse;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The registry's policy file decides the budget and the mode of each repository. */
class PolicyPushTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    @RegisterExtension
    final RunningRegistry registry = new RunningRegistry().withPolicy("""
            platforms:
              board:
                architecture: arm64
            rules:
              - repositories: ["kos/**"]
                platform: board
                mode: enforce
                limits:
                  heap_pages: 1024
              - repositories: ["lab/**"]
                platform: board
                mode: warn
                limits:
                  heap_pages: 1024
            """);

    @Test
    void enforceModeRejectsAnImageOverItsBudget() {
        TestImage image = TestImage.hello();

        JsonNode error = OciErrors.assertError(push("kos/hello", image), 400, "MANIFEST_INVALID");

        assertTrue(error.path("message").asText().contains("budget.heap-pages"), error.toString());
        assertEquals("enforce", error.path("detail").path("policy").path("mode").asText());
    }

    @Test
    void warnModeAcceptsTheImageAndKeepsTheFailingReport() throws IOException {
        TestImage image = TestImage.hello();

        HttpResponse<byte[]> put = push("lab/hello", image);

        assertEquals(201, put.statusCode(), () -> text(put));
        String digest = put.headers().firstValue("Docker-Content-Digest").orElseThrow();
        JsonNode report = JSON.readTree(registry.get("/sel4/v1/validations/lab/hello/" + digest).body());
        assertFalse(report.path("passed").asBoolean());
        assertFalse(report.path("rejects").asBoolean());
        assertEquals("warn", report.path("mode").asText());
        assertTrue(PushValidationTest.violations(report).contains("budget.heap-pages"), report::toPrettyString);
    }

    @Test
    void repositoryNoRuleCoversIsCheckedWithoutBudget() {
        assertEquals(201, push("other/hello", TestImage.hello()).statusCode());
    }

    private HttpResponse<byte[]> push(String repository, TestImage image) {
        image.blobs().values().forEach(blob -> registry.pushBlob(repository, blob));
        return registry.putManifest(repository, "1.0", image.manifestMediaType(), image.manifestBytes());
    }
}
