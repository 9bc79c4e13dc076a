package io.huruhuru.server.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServer;
import io.vertx.ext.web.Router;
import java.io.ByteArrayOutputStream;
import java.io.OutputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class AccessLogTest {

    @Test
    void writesOneLinePerRequestWithMethodPathStatusBytesAndDuration() throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        AccessLog accessLog = new AccessLog(out);
        Vertx vertx = Vertx.vertx();
        try {
            Router router = Router.router(vertx);
            router.route().handler(accessLog);
            router.get("/hello").handler(ctx -> ctx.response().setStatusCode(201).end("12345"));
            HttpServer server = vertx.createHttpServer().requestHandler(router).listen(0, "127.0.0.1").await(10, TimeUnit.SECONDS);
            HttpClient client = HttpClient.newHttpClient();
            for (int i = 0; i < 100; i++) {
                client.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + server.actualPort() + "/hello")).build(),
                        HttpResponse.BodyHandlers.discarding());
            }
        } finally {
            vertx.close().await(10, TimeUnit.SECONDS);
            accessLog.close();
        }

        String[] lines = out.toString(StandardCharsets.UTF_8).split("\n");
        assertEquals(100, lines.length);
        for (String line : lines) {
            assertTrue(line.matches("\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\d\\.\\d{3}Z INFO  access GET /hello 201 5 \\d+\\.\\dms -"), line);
        }
    }

    @Test
    void aFullQueueDropsAndCountsLinesInsteadOfBlockingTheCaller() throws Exception {
        CountDownLatch stdoutStuck = new CountDownLatch(1);
        ByteArrayOutputStream written = new ByteArrayOutputStream();
        OutputStream slowStdout = new OutputStream() {
            @Override
            public void write(int b) {
                write(new byte[] {(byte) b}, 0, 1);
            }

            @Override
            public void write(byte[] bytes, int offset, int length) {
                try {
                    stdoutStuck.await();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
                written.write(bytes, offset, length);
            }
        };
        AccessLog accessLog = new AccessLog(slowStdout, 4);

        assertTimeoutPreemptively(Duration.ofSeconds(5), () -> {
            for (int i = 0; i < 100; i++) {
                accessLog.enqueue("GET", "/v2/", 200, 2, 1);
            }
        });
        long dropped = accessLog.dropped();
        stdoutStuck.countDown();
        accessLog.close();

        assertTrue(dropped > 0, "dropped " + dropped);
        String out = written.toString(StandardCharsets.UTF_8);
        long lines = out.lines().filter(line -> line.contains(" INFO  access GET /v2/ 200")).count();
        assertEquals(100, lines + dropped, out);
        // the writer may report the drops in more than one warning, as it catches up while lines are still dropped
        long reported = out.lines().filter(line -> line.contains(" WARN  access "))
                .mapToLong(line -> Long.parseLong(line.replaceAll(".* WARN  access (\\d+) lines dropped.*", "$1")))
                .sum();
        assertEquals(dropped, reported, out);
    }
}
