package io.huruhuru.server.contract;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.huruhuru.server.RunningRegistry;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** {@code GET /openapi.yaml} serves the repository's document, to anyone. */
class OpenApiDocumentEndpointTest {

    @RegisterExtension
    final RunningRegistry registry = new RunningRegistry();

    @Test
    void servesTheRepositoryDocumentAsYaml() throws Exception {
        HttpResponse<byte[]> response = registry.get("/openapi.yaml");

        assertEquals(200, response.statusCode());
        assertEquals("application/yaml", response.headers().firstValue("Content-Type").orElseThrow());
        assertArrayEquals(Files.readAllBytes(Path.of("..", "openapi", "openapi.yaml")), response.body());
    }
}
