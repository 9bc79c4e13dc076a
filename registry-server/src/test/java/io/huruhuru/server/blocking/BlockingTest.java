package io.huruhuru.server.blocking;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.huruhuru.server.log.RequestLogContext;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.internal.ContextInternal;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.slf4j.MDC;

class BlockingTest {

    private final Vertx vertx = Vertx.vertx();

    @AfterEach
    void close() throws Exception {
        vertx.close().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
    }

    @Test
    void aTaskRunsAndIsWaitedFor() throws Exception {
        Blocking blocking = new Blocking(vertx);

        Future<Integer> answer = blocking.run(() -> 42);

        assertEquals(42, answer.toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS));
        assertTrue(blocking.awaitIdle(Duration.ofSeconds(10)));
        blocking.close();
    }

    /** Runs {@code task} with {@code blocking} from a request's own (duplicated) context noted with {@code requestId}. */
    private Future<String> fromRequest(Blocking blocking, String requestId) throws Exception {
        ContextInternal request = ((ContextInternal) vertx.getOrCreateContext()).duplicate();
        CompletableFuture<Future<String>> sent = new CompletableFuture<>();
        request.runOnContext(ignored -> {
            if (requestId != null) {
                RequestLogContext.enter(requestId);
            }
            sent.complete(blocking.run(() -> MDC.get(RequestLogContext.MDC_KEY)));
        });
        return sent.get(10, TimeUnit.SECONDS);
    }

    @Test
    void aTaskLogsWithTheIdOfTheRequestThatSentItAndLeavesNoIdOnTheWorker() throws Exception {
        Blocking blocking = new Blocking(vertx);

        String seen = fromRequest(blocking, "req-1").toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
        String afterwards = fromRequest(blocking, null).toCompletionStage().toCompletableFuture()
                .get(10, TimeUnit.SECONDS);

        assertEquals("req-1", seen);
        assertNull(afterwards, "a task of a request without an id");
        blocking.close();
    }

    @Test
    void aTaskRefusedByTheClosedPoolFailsAndIsNotWaitedFor() throws Exception {
        Blocking blocking = new Blocking(vertx);
        blocking.close();

        Future<Integer> refused = blocking.run(() -> 42);

        assertTrue(refused.failed() || refused.toCompletionStage().toCompletableFuture()
                .handle((value, failure) -> failure != null).get(10, TimeUnit.SECONDS));
        assertTrue(blocking.awaitIdle(Duration.ofMillis(100)), "a refused task is still counted as in flight");
    }
}
