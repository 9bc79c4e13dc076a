package io.huruhuru.server.health;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.huruhuru.server.RunningRegistry;
import io.huruhuru.server.config.RegistryConfig;
import java.io.IOException;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** {@code /livez}, {@code /startupz} and {@code /readyz}, and each readiness check that can fail. */
class HealthTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    @RegisterExtension
    final RunningRegistry registry = new RunningRegistry();

    private static JsonNode json(HttpResponse<byte[]> response) throws IOException {
        assertEquals("application/json", response.headers().firstValue("Content-Type").orElseThrow());
        return JSON.readTree(response.body());
    }

    private static List<String> failed(JsonNode body) {
        List<String> names = new ArrayList<>();
        body.path("failed").forEach(name -> names.add(name.asText()));
        return names;
    }

    @Test
    void aStartedRegistryIsLiveStartedAndReadyWithEveryCheckNamed() throws IOException {
        for (String path : List.of("/livez", "/startupz", "/readyz")) {
            HttpResponse<byte[]> response = registry.get(path);
            assertEquals(200, response.statusCode(), path);
            JsonNode body = json(response);
            assertEquals("ok", body.path("status").asText(), path);
            assertEquals(List.of(), failed(body), path);
        }
        JsonNode ready = json(registry.get("/readyz"));
        for (String check : List.of("storage", "disk", "shutdown")) {
            assertTrue(ready.path("checks").path(check).path("ok").asBoolean(), ready::toPrettyString);
        }
    }

    @Test
    void readinessFailsOnTheDiskCheckWhenTheFloorIsAboveTheFreeSpace() throws Exception {
        registry.stop();
        registry.configure(config -> config.withOperations(new RegistryConfig.Operations(Optional.empty(),
                Long.MAX_VALUE)));
        registry.start();

        HttpResponse<byte[]> ready = registry.get("/readyz");

        assertEquals(503, ready.statusCode());
        JsonNode body = json(ready);
        assertEquals("failing", body.path("status").asText());
        assertEquals(List.of("disk"), failed(body));
        assertTrue(body.path("checks").path("disk").path("detail").asText().contains("the floor is "
                + Long.MAX_VALUE), body::toPrettyString);
        assertEquals(200, registry.get("/livez").statusCode(), "alive all the same");
    }

    @Test
    void readinessFailsOnTheShutdownCheckOnceShutdownHasBegun() throws IOException {
        registry.registry().health().shuttingDown();

        HttpResponse<byte[]> ready = registry.get("/readyz");

        assertEquals(503, ready.statusCode());
        assertEquals(List.of("shutdown"), failed(json(ready)));
    }

    @Test
    void readinessFailsOnTheStorageCheckWhenTheStoreCannotBeWritten() throws IOException {
        registry.store().close();

        HttpResponse<byte[]> ready = registry.get("/readyz");

        assertEquals(503, ready.statusCode());
        JsonNode body = json(ready);
        assertEquals(List.of("storage"), failed(body));
        assertFalse(body.path("checks").path("storage").path("ok").asBoolean());
    }
}
