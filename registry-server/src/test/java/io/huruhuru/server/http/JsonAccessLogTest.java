package io.huruhuru.server.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.huruhuru.server.config.RegistryConfig.LogFormat;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServer;
import io.vertx.ext.web.Router;
import java.io.ByteArrayOutputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** {@code log.format: json}: one JSON object per access line, whatever characters the path holds. */
class JsonAccessLogTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    @Test
    void eachRequestIsOneJsonLineWithItsRequestId() throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        AccessLog accessLog = new AccessLog(out, LogFormat.JSON);
        Vertx vertx = Vertx.vertx();
        try {
            Router router = Router.router(vertx);
            router.route().handler(new RequestId());
            router.route().handler(accessLog);
            router.get("/hello").handler(ctx -> ctx.response().setStatusCode(201).end("12345"));
            HttpServer server = vertx.createHttpServer().requestHandler(router).listen(0, "127.0.0.1")
                    .await(10, TimeUnit.SECONDS);
            HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:"
                    + server.actualPort() + "/hello")).header("X-Request-Id", "abc-123").build(),
                    HttpResponse.BodyHandlers.discarding());
        } finally {
            vertx.close().await(10, TimeUnit.SECONDS);
            accessLog.close();
        }

        String[] lines = out.toString(StandardCharsets.UTF_8).split("\n");
        assertEquals(1, lines.length);
        JsonNode line = JSON.readTree(lines[0]);
        assertEquals("INFO", line.path("level").asText());
        assertEquals("access", line.path("logger").asText());
        assertEquals("GET", line.path("method").asText());
        assertEquals("/hello", line.path("path").asText());
        assertEquals(201, line.path("status").asInt());
        assertEquals(5, line.path("bytes").asLong());
        assertTrue(line.path("durationMs").isNumber(), lines[0]);
        assertEquals("abc-123", line.path("requestId").asText());
        assertTrue(line.path("timestamp").asText().matches("\\d{4}-\\d\\d-\\d\\dT.*Z"), lines[0]);
    }

    @Test
    void quotesBackslashesAndControlCharactersInAPathCannotBreakOutOfTheLine() throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        String hostile = "/v2/\"},{\"status\":200\\\n\r\t\u0000\u001f\u007f\u2028end\u00e9";
        try (AccessLog accessLog = new AccessLog(out, LogFormat.JSON)) {
            accessLog.enqueue("GET", hostile, 404, 0, 12, "id");
        }

        String[] lines = out.toString(StandardCharsets.UTF_8).split("\n");
        assertEquals(1, lines.length, "one line whatever the path holds");
        JsonNode line = JSON.readTree(lines[0]);
        assertEquals(hostile, line.path("path").asText());
        assertEquals(404, line.path("status").asInt());
        assertEquals(1.2, line.path("durationMs").asDouble());
    }
}
