package io.huruhuru.server.metrics;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.huruhuru.server.RunningRegistry;
import io.huruhuru.server.config.RegistryConfig;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** {@code metrics.listen}: metrics on a port of their own, and no longer on the API's. */
class MetricsPortTest {

    @RegisterExtension
    final RunningRegistry registry = new RunningRegistry().configure(config -> config.withOperations(
            new RegistryConfig.Operations(Optional.of(new RegistryConfig.Listen("127.0.0.1", 0)),
                    RegistryConfig.Operations.DEFAULT.minFreeDiskBytes())));

    @Test
    void metricsAreServedOnTheirOwnPortOnly() throws Exception {
        int port = registry.registry().metricsPort().orElseThrow();
        registry.get("/v2/");

        HttpResponse<String> metrics = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                URI.create("http://127.0.0.1:" + port + "/metrics")).build(), HttpResponse.BodyHandlers.ofString());
        HttpResponse<String> api = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                URI.create("http://127.0.0.1:" + port + "/v2/")).build(), HttpResponse.BodyHandlers.ofString());

        assertEquals(200, metrics.statusCode());
        assertTrue(metrics.body().contains("huruhuru_http_requests_total{method=\"GET\",route=\"base\",status=\"200\"}"),
                metrics.body());
        assertEquals(404, api.statusCode(), "the metrics port serves nothing else");
        assertEquals(404, registry.get("/metrics").statusCode(), "the API port no longer serves metrics");
    }
}
