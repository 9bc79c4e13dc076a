package io.huruhuru.server.preview;

import static io.huruhuru.server.preview.Previews.BOARD;
import static io.huruhuru.server.preview.Previews.json;
import static io.huruhuru.server.preview.Previews.preview;
import static io.huruhuru.server.preview.Previews.push;
import static io.huruhuru.server.preview.Previews.system;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.huruhuru.server.OciErrors;
import io.huruhuru.server.RunningRegistry;
import io.huruhuru.validation.fixture.TestImage;
import java.net.http.HttpResponse;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Previews of stored images and systems: computed once, kept under an id of their inputs, deleted with the image. */
class PreviewBootTest {

    @RegisterExtension
    final RunningRegistry registry = new RunningRegistry();

    private static String request(String image, String extra) {
        return "{\"image\":\"" + image + "\",\"platform\":\"" + BOARD + "\"" + extra + "}";
    }

    @Test
    void aStoredKoskitImageBootsAndTheSameRequestIsAnsweredFromStorageWithTheSameBytes() {
        String digest = push(registry, "kos/hello", "1.0", TestImage.hello());

        HttpResponse<byte[]> first = preview(registry, request("kos/hello:1.0", ""));
        HttpResponse<byte[]> again = preview(registry, request("kos/hello:1.0", ""));
        HttpResponse<byte[]> byDigest = preview(registry, request("kos/hello@" + digest, ""));

        assertEquals(201, first.statusCode(), () -> RunningRegistry.text(first));
        JsonNode report = json(first);
        assertEquals("booted", report.path("result").asText(), report::toPrettyString);
        assertEquals(digest, report.path("manifest").asText());
        String location = first.headers().firstValue("Location").orElseThrow();
        assertEquals("/sel4/v1/previews/" + report.path("id").asText(), location);
        assertEquals(200, again.statusCode());
        assertEquals(location, again.headers().firstValue("Location").orElseThrow());
        assertArrayEquals(first.body(), again.body());
        assertArrayEquals(first.body(), byDigest.body());
        HttpResponse<byte[]> kept = registry.get(location);
        assertEquals(200, kept.statusCode());
        assertEquals("application/json", kept.headers().firstValue("Content-Type").orElseThrow());
        assertArrayEquals(first.body(), kept.body());
    }

    @Test
    void argumentsAndEnvironmentArePartOfThePreviewAndItsId() {
        push(registry, "kos/hello", "1.0", TestImage.hello());

        JsonNode plain = json(preview(registry, request("kos/hello:1.0", "")));
        JsonNode changed = json(preview(registry, request("kos/hello:1.0",
                ",\"args\":[\"hello_world\",\"test\"],\"env\":{\"B\":\"2\",\"A\":\"1\"}")));
        JsonNode reordered = json(preview(registry, request("kos/hello:1.0",
                ",\"args\":[\"hello_world\",\"test\"],\"env\":{\"A\":\"1\",\"B\":\"2\"}")));

        assertNotEquals(plain.path("id"), changed.path("id"));
        assertEquals(changed.path("id"), reordered.path("id"));
        assertEquals("[\"hello_world\",\"test\"]", changed.path("args").toString());
        assertEquals("{\"A\":\"1\",\"B\":\"2\"}", changed.path("env").toString());
    }

    @Test
    void aPreviewThatChangesTheProcessOrBudgetIsKeptUnderItsOwnId() {
        push(registry, "kos/hello", "1.0", TestImage.hello());

        HttpResponse<byte[]> plain = preview(registry, request("kos/hello:1.0", ""));
        HttpResponse<byte[]> changed = preview(registry, request("kos/hello:1.0", ",\"env\":{\"A\":\"1\"}"));
        HttpResponse<byte[]> budget = preview(registry, request("kos/hello:1.0", ",\"budget\":1000"));

        java.util.Set<String> ids = new java.util.HashSet<>();
        for (HttpResponse<byte[]> response : java.util.List.of(plain, changed, budget)) {
            assertEquals(201, response.statusCode(), () -> RunningRegistry.text(response));
            String location = response.headers().firstValue("Location").orElseThrow();
            assertArrayEquals(response.body(), registry.get(location).body());
            ids.add(json(response).path("id").asText());
        }
        assertEquals(3, ids.size());
        assertEquals(3, json(registry.get("/sel4/v1/previews?repository=kos/hello")).path("previews").size());
    }

    @Test
    void aManifestKeepsABoundedNumberOfPreviewsAndAnswersTheRestWithoutKeepingThem() {
        push(registry, "kos/hello", "1.0", TestImage.hello());
        for (int i = 0; i < ImagePreviews.KEPT_PER_MANIFEST; i++) {
            assertEquals(201, preview(registry, request("kos/hello:1.0", ",\"env\":{\"N\":\"" + i + "\"}"))
                    .statusCode());
        }

        HttpResponse<byte[]> beyond = preview(registry, request("kos/hello:1.0", ",\"env\":{\"N\":\"beyond\"}"));

        assertEquals(200, beyond.statusCode(), () -> RunningRegistry.text(beyond));
        assertTrue(beyond.headers().firstValue("Location").isEmpty());
        assertEquals("booted", json(beyond).path("result").asText(), () -> RunningRegistry.text(beyond));
        OciErrors.assertError(registry.get("/sel4/v1/previews/" + json(beyond).path("id").asText()), 404,
                "PREVIEW_UNKNOWN");
        assertEquals(ImagePreviews.KEPT_PER_MANIFEST,
                json(registry.get("/sel4/v1/previews?repository=kos/hello")).path("previews").size());
    }

    @Test
    void aRepositorysPreviewsAreListedAndGoWhenTheirManifestIsDeleted() {
        String digest = push(registry, "kos/hello", "1.0", TestImage.hello());
        String other = push(registry, "kos/hello", "2.0", Previews.helloWithHeap(1024));
        String id = json(preview(registry, request("kos/hello:1.0", ""))).path("id").asText();
        String otherId = json(preview(registry, request("kos/hello:2.0", ""))).path("id").asText();

        JsonNode all = json(registry.get("/sel4/v1/previews?repository=kos/hello"));
        JsonNode ofOne = json(registry.get("/sel4/v1/previews?repository=kos/hello&digest=" + digest));

        assertEquals(2, all.path("previews").size(), all::toPrettyString);
        assertEquals(1, ofOne.path("previews").size(), ofOne::toPrettyString);
        JsonNode entry = ofOne.path("previews").get(0);
        assertEquals(id, entry.path("id").asText());
        assertEquals(digest, entry.path("manifest").asText());
        assertEquals("/sel4/v1/previews/" + id, entry.path("location").asText());
        assertEquals(BOARD, entry.path("platform").asText());
        assertEquals("booted", entry.path("result").asText());

        HttpResponse<byte[]> deleted = registry.send(registry.request("/v2/kos/hello/manifests/" + digest).DELETE()
                .build());
        assertEquals(202, deleted.statusCode());

        OciErrors.assertError(registry.get("/sel4/v1/previews/" + id), 404, "PREVIEW_UNKNOWN");
        assertEquals(200, registry.get("/sel4/v1/previews/" + otherId).statusCode());
        assertEquals(1, json(registry.get("/sel4/v1/previews?repository=kos/hello")).path("previews").size());
        assertNotEquals(digest, other);
    }

    @Test
    void anImageWhoseHeapCannotFitTheBoardFailsNamingTheStepAndWhy() {
        push(registry, "kos/big", "1.0", Previews.helloWithHeap(300_000));

        HttpResponse<byte[]> response = preview(registry, request("kos/big:1.0", ""));

        assertEquals(201, response.statusCode(), () -> RunningRegistry.text(response));
        JsonNode report = json(response);
        assertEquals("failed", report.path("result").asText(), report::toPrettyString);
        assertFalse(report.path("failure").path("step").asText().isEmpty(), report::toPrettyString);
        assertFalse(report.path("failure").path("reason").asText().isEmpty(), report::toPrettyString);
    }

    @Test
    void aComposeSystemOfStoredImagesBootsIsKeptAndIsNotAnImagePreview() {
        push(registry, "kos/hello", "1.0", TestImage.hello());
        push(registry, "kos/other", "1.0", Previews.helloPublishing("other_protocol"));
        String compose = """
                services:
                  first:
                    image: kos/hello:1.0
                  second:
                    image: 127.0.0.1:%d/kos/other:1.0
                """.formatted(registry.port());

        HttpResponse<byte[]> first = system(registry, BOARD, compose);
        HttpResponse<byte[]> again = system(registry, BOARD, compose);

        assertEquals(201, first.statusCode(), () -> RunningRegistry.text(first));
        JsonNode report = json(first);
        assertEquals("system", report.path("kind").asText());
        assertEquals(2, report.path("images").size(), report::toPrettyString);
        assertEquals("booted", report.path("result").asText(), report::toPrettyString);
        assertEquals(200, again.statusCode());
        assertArrayEquals(first.body(), again.body());
        String location = first.headers().firstValue("Location").orElseThrow();
        assertEquals("/sel4/v1/systems/" + report.path("id").asText(), location);
        assertArrayEquals(first.body(), registry.get(location).body());
        OciErrors.assertError(registry.get("/sel4/v1/previews/" + report.path("id").asText()), 404,
                "PREVIEW_UNKNOWN");
    }

    @Test
    void aSystemWhoseServicesCannotBootTogetherFailsNamingTheServiceTheStepAndWhy() {
        push(registry, "kos/hello", "1.0", TestImage.hello());

        HttpResponse<byte[]> response = system(registry, BOARD,
                "services:\n  first:\n    image: kos/hello:1.0\n  second:\n    image: kos/hello:1.0\n");

        assertEquals(201, response.statusCode(), () -> RunningRegistry.text(response));
        JsonNode failure = json(response).path("failure");
        assertEquals("failed", json(response).path("result").asText());
        assertTrue(failure.path("step").asText().startsWith("second: "), failure::toPrettyString);
        assertTrue(failure.path("reason").asText().contains("hello_protocol"), failure::toPrettyString);
    }
}
