package io.huruhuru.server.blocking;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

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
