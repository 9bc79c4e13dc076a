package io.huruhuru.server.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServer;
import io.vertx.ext.web.Router;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

/** A failure of the registry itself is logged with the request id that its 500 answer carries. */
class FailureLogRequestIdTest {

    @Test
    void theErrorLineNamesTheRequestIdOfTheAnswer() throws Exception {
        Logger logger = (Logger) LoggerFactory.getLogger(FailureHandler.class);
        ListAppender<ILoggingEvent> lines = new ListAppender<>();
        lines.start();
        logger.addAppender(lines);
        Vertx vertx = Vertx.vertx();
        try {
            Router router = Router.router(vertx);
            router.route().handler(new RequestId());
            router.get("/broken").handler(ctx -> {
                throw new IllegalStateException("a bug");
            });
            router.route().failureHandler(new FailureHandler());
            HttpServer server = vertx.createHttpServer().requestHandler(router).listen(0, "127.0.0.1")
                    .await(10, TimeUnit.SECONDS);

            HttpResponse<String> response = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                    URI.create("http://127.0.0.1:" + server.actualPort() + "/broken")).build(),
                    HttpResponse.BodyHandlers.ofString());

            assertEquals(500, response.statusCode());
            String id = response.headers().firstValue(RequestId.HEADER).orElseThrow();
            assertEquals(1, lines.list.size());
            assertTrue(lines.list.get(0).getFormattedMessage().endsWith("request id " + id),
                    lines.list.get(0).getFormattedMessage());
        } finally {
            logger.detachAppender(lines);
            vertx.close().await(10, TimeUnit.SECONDS);
        }
    }
}
