package io.huruhuru.server.preview;

import static io.huruhuru.server.preview.Previews.BOARD;
import static io.huruhuru.server.preview.Previews.json;
import static io.huruhuru.server.preview.Previews.preview;
import static io.huruhuru.server.preview.Previews.push;
import static io.huruhuru.server.preview.Previews.system;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.huruhuru.server.OciErrors;
import io.huruhuru.server.RunningRegistry;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Bad input to the preview API is answered in the OCI error format with a code of its own, never with a 5xx. */
class PreviewRequestErrorsTest {

    @RegisterExtension
    final RunningRegistry registry = new RunningRegistry();

    @Test
    void platformsListsEveryBoardWithItsMemoryAndKernelConfiguration() {
        JsonNode answer = json(registry.get("/sel4/v1/platforms"));

        List<String> names = new ArrayList<>();
        answer.path("platforms").forEach(platform -> names.add(platform.path("name").asText()));
        assertEquals(List.of("imx8mm-evk", "pc99", "qemu-arm-virt", "qemu-arm-virt-2g", "rpi4b-4g"), names);
        JsonNode virt = answer.path("platforms").get(2);
        assertTrue(virt.path("memory").isArray() && virt.path("memory").size() > 0, virt::toPrettyString);
        assertTrue(virt.path("kernel").path("architecture").asText().equalsIgnoreCase("aarch64"),
                virt::toPrettyString);
        assertTrue(virt.path("ramBytes").asLong() > 0, virt::toPrettyString);
        assertTrue(virt.has("devices"), virt::toPrettyString);
    }

    @Test
    void anUnknownPlatformIsPlatformUnknownNamingTheKnownOnes() {
        JsonNode error = OciErrors.assertError(preview(registry, "{\"image\":\"a/b:1\",\"platform\":\"vax\"}"), 400,
                "PLATFORM_UNKNOWN");

        assertTrue(error.path("message").asText().contains("qemu-arm-virt"), error::toString);
    }

    @Test
    void aBodyThatIsNotAPreviewRequestIsPreviewInvalid() {
        for (String body : List.of("", "not json", "[]", "{\"platform\":\"qemu-arm-virt\"}",
                "{\"image\":\"a/b:1\",\"platform\":\"qemu-arm-virt\",\"arg\":[]}",
                "{\"image\":\"a/b:1\",\"platform\":\"qemu-arm-virt\",\"args\":\"x\"}",
                "{\"image\":\"a/b:1\",\"platform\":\"qemu-arm-virt\",\"args\":[1]}",
                "{\"image\":\"a/b:1\",\"platform\":\"qemu-arm-virt\",\"env\":{\"A=B\":\"c\"}}",
                "{\"image\":\"a/b:1\",\"platform\":\"qemu-arm-virt\",\"env\":{\"A\":1}}",
                "{\"image\":\"UPPER/case:1\",\"platform\":\"qemu-arm-virt\"}",
                "{\"image\":\"a/b:bad tag\",\"platform\":\"qemu-arm-virt\"}",
                "{\"image\":\"a/b@sha256:short\",\"platform\":\"qemu-arm-virt\"}",
                "{\"image\":\"a/b:1\",\"platform\":\"qemu-arm-virt\",\"image\":\"c/d:1\"}",
                "[".repeat(100) + "]".repeat(100))) {
            OciErrors.assertError(preview(registry, body), 400, "PREVIEW_INVALID");
        }
    }

    @Test
    void aBodyOverTheLimitIsTooLarge() {
        String body = "{\"image\":\"a/b:1\",\"platform\":\"qemu-arm-virt\",\"args\":[\"" + "x".repeat(70_000) + "\"]}";

        OciErrors.assertError(preview(registry, body), 413, "TOO_LARGE");
    }

    @Test
    void anImageTheRegistryDoesNotHoldIsManifestUnknown() {
        OciErrors.assertError(preview(registry, "{\"image\":\"a/b:1\",\"platform\":\"" + BOARD + "\"}"), 404,
                "MANIFEST_UNKNOWN");
    }

    @Test
    void anImageOfAnotherRegistryIsRefusedAndOneNamingThisRegistryIsLookedUp() {
        JsonNode error = OciErrors.assertError(preview(registry, "{\"image\":\"docker.io/library/alpine:3\","
                + "\"platform\":\"" + BOARD + "\"}"), 400, "PREVIEW_INVALID");
        assertTrue(error.path("message").asText().contains("docker.io"), error::toString);

        OciErrors.assertError(preview(registry, "{\"image\":\"127.0.0.1:" + registry.port() + "/a/b:1\","
                + "\"platform\":\"" + BOARD + "\"}"), 404, "MANIFEST_UNKNOWN");
    }

    @Test
    void anIdThatIsNotKeptIsPreviewUnknown() {
        OciErrors.assertError(registry.get("/sel4/v1/previews/" + "0".repeat(64)), 404, "PREVIEW_UNKNOWN");
        OciErrors.assertError(registry.get("/sel4/v1/previews/not-an-id"), 404, "PREVIEW_UNKNOWN");
        OciErrors.assertError(registry.get("/sel4/v1/systems/" + "0".repeat(64)), 404, "PREVIEW_UNKNOWN");
    }

    @Test
    void aListNeedsAValidRepositoryAndDigest() {
        OciErrors.assertError(registry.get("/sel4/v1/previews"), 400, "NAME_INVALID");
        OciErrors.assertError(registry.get("/sel4/v1/previews?repository=a/b&digest=sha256:nothex"), 400,
                "DIGEST_INVALID");
        assertEquals(0, json(registry.get("/sel4/v1/previews?repository=a/b")).path("previews").size());
    }

    @Test
    void aComposeFileThatIsNotASystemIsSystemInvalid() {
        for (String compose : List.of("", "services: [", "just text", "services:\n  web:\n    image: 12\n    bogus: 1\n",
                "services:\n  web:\n    image: docker.io/library/nginx:1\n",
                "a: &a [*a, *a]\n")) {
            OciErrors.assertError(system(registry, BOARD, compose), 400, "SYSTEM_INVALID");
        }
        OciErrors.assertError(registry.send(registry.request("/sel4/v1/systems?platform=" + BOARD)
                .header("Content-Type", "application/yaml")
                .POST(HttpRequest.BodyPublishers.ofByteArray(new byte[] {'a', ':', ' ', (byte) 0xff})).build()), 400,
                "SYSTEM_INVALID");
    }

    @Test
    void aComposeFileOfWrongTypesOrBadYamlIsSystemInvalidInWordsWithoutJavaClassNames() {
        String numberKey = OciErrors.assertError(system(registry, BOARD, "services:\n  1:\n    image: kos/a:1\n"),
                400, "SYSTEM_INVALID").path("message").asText();
        String badYaml = OciErrors.assertError(system(registry, BOARD, "services:\n  web: [\n"), 400,
                "SYSTEM_INVALID").path("message").asText();

        assertTrue(numberKey.contains("quote a name") && !numberKey.contains("java."), numberKey);
        assertTrue(badYaml.contains("line 3") && badYaml.contains("column") && !badYaml.contains("java.")
                && !badYaml.contains("\n"), badYaml);
    }

    @Test
    void aComposeFileSentAsAnythingButYamlIsUnsupported() {
        push(registry, "kos/hello", "1.0", io.huruhuru.validation.fixture.TestImage.hello());
        String compose = "services:\n  web:\n    image: kos/hello:1.0\n";

        for (String type : List.of("application/json", "text/plain")) {
            OciErrors.assertError(registry.send(registry.request("/sel4/v1/systems?platform=" + BOARD)
                    .header("Content-Type", type).POST(HttpRequest.BodyPublishers.ofString(compose)).build()), 415,
                    "UNSUPPORTED");
        }
        OciErrors.assertError(registry.send(registry.request("/sel4/v1/systems?platform=" + BOARD)
                .POST(HttpRequest.BodyPublishers.ofString(compose)).build()), 415, "UNSUPPORTED");
        for (String type : List.of("application/x-yaml", "text/yaml; charset=utf-8", "Application/YAML")) {
            HttpResponse<byte[]> ok = registry.send(registry.request("/sel4/v1/systems?platform=" + BOARD)
                    .header("Content-Type", type).POST(HttpRequest.BodyPublishers.ofString(compose)).build());
            assertTrue(ok.statusCode() == 200 || ok.statusCode() == 201, () -> type + ": " + RunningRegistry.text(ok));
        }
    }

    @Test
    void aComposeFileOfMoreServicesThanTheLimitIsSystemInvalid() {
        StringBuilder compose = new StringBuilder("services:\n");
        for (int i = 0; i <= SystemPlan.MAX_SERVICES; i++) {
            compose.append("  s").append(i).append(":\n    image: a/b:1\n");
        }

        JsonNode error = OciErrors.assertError(system(registry, BOARD, compose.toString()), 400, "SYSTEM_INVALID");

        assertTrue(error.path("message").asText().contains("more than " + SystemPlan.MAX_SERVICES), error::toString);
    }

    @Test
    void aSystemNeedsAKnownPlatformAndStoredImages() {
        String compose = "services:\n  web:\n    image: a/b:1\n";

        OciErrors.assertError(system(registry, null, compose), 400, "PLATFORM_UNKNOWN");
        OciErrors.assertError(system(registry, "vax", compose), 400, "PLATFORM_UNKNOWN");
        OciErrors.assertError(system(registry, BOARD, compose), 404, "MANIFEST_UNKNOWN");
    }

    @Test
    void aComposeFileOverTheLimitIsTooLarge() {
        OciErrors.assertError(system(registry, BOARD, "# " + "x".repeat(300_000)), 413, "TOO_LARGE");
    }
}
