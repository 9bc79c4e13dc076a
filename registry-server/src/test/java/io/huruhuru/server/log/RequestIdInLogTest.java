package io.huruhuru.server.log;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.encoder.JsonEncoder;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.huruhuru.server.RunningRegistry;
import io.huruhuru.server.gc.GarbageCollection;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.slf4j.LoggerFactory;

/** Application log lines written for a request, on whichever thread, carry the request's id. */
class RequestIdInLogTest {

    @RegisterExtension
    final RunningRegistry registry = new RunningRegistry().unsigned().withGc(Duration.ZERO, null);

    private final LoggerContext context = (LoggerContext) LoggerFactory.getILoggerFactory();
    private final Logger gcLogger = context.getLogger(GarbageCollection.class);
    private final ListAppender<ILoggingEvent> events = new ListAppender<>();

    @BeforeEach
    void listen() {
        events.setContext(context);
        events.start();
        gcLogger.addAppender(events);
    }

    @AfterEach
    void stopListening() {
        gcLogger.detachAppender(events);
    }

    private HttpResponse<byte[]> collect(String requestId) {
        return registry.send(registry.request("/sel4/v1/gc").header("X-Request-Id", requestId)
                .POST(HttpRequest.BodyPublishers.noBody()).build());
    }

    @Test
    void theLineOfACollectionRequestedOverHttpCarriesTheRequestIdAsAJsonField() throws Exception {
        HttpResponse<byte[]> response = collect("gc-run-7");

        assertEquals(200, response.statusCode());
        List<ILoggingEvent> lines = List.copyOf(events.list);
        ILoggingEvent line = lines.stream().filter(e -> e.getFormattedMessage().startsWith("garbage collection"))
                .findFirst().orElseThrow(() -> new AssertionError("no collection line in " + lines));
        assertEquals("gc-run-7", line.getMDCPropertyMap().get(RequestLogContext.MDC_KEY));
        assertTrue(line.getThreadName().startsWith("huruhuru-gc"), "logged on the collector's thread");

        JsonEncoder json = new JsonEncoder();
        json.setContext(context);
        json.start();
        JsonNode encoded = new ObjectMapper().readTree(new String(json.encode(line), StandardCharsets.UTF_8));
        assertEquals("gc-run-7", encoded.path("mdc").path(RequestLogContext.MDC_KEY).asText(), encoded::toString);
    }

    @Test
    void eachRequestsLineCarriesItsOwnIdAndTheCollectorThreadKeepsNone() {
        collect("first-request");
        collect("second-request");

        List<String> ids = events.list.stream().filter(e -> e.getFormattedMessage().startsWith("garbage collection"))
                .map(e -> e.getMDCPropertyMap().get(RequestLogContext.MDC_KEY)).toList();
        assertEquals(List.of("first-request", "second-request"), ids);
        GarbageCollection collection = registry.registry().collection();
        collection.collect(true).join();
        ILoggingEvent unrequested = events.list.get(events.list.size() - 1);
        assertFalse(unrequested.getMDCPropertyMap().containsKey(RequestLogContext.MDC_KEY),
                "a collection no request asked for has no id: " + unrequested.getMDCPropertyMap());
    }
}
