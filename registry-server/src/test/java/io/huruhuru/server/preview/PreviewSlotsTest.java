package io.huruhuru.server.preview;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.huruhuru.server.blocking.Blocking;
import io.huruhuru.server.http.ErrorCode;
import io.huruhuru.server.http.RegistryException;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Previews run a few at a time; a few more wait; any beyond are refused at once. */
class PreviewSlotsTest {

    private final Vertx vertx = Vertx.vertx();
    private final Blocking blocking = new Blocking(vertx);

    @AfterEach
    void close() {
        blocking.close();
        vertx.close();
    }

    @Test
    void beyondTheRunningAndWaitingSlotsARunIsRefusedAsTooManyRequestsAndTheWaitingOneRunsLater()
            throws Exception {
        PreviewSlots slots = new PreviewSlots(blocking, 1, 1);
        CountDownLatch release = new CountDownLatch(1);
        CountDownLatch firstStarted = new CountDownLatch(1);
        AtomicInteger ran = new AtomicInteger();

        Future<Integer> first = slots.run(() -> {
            firstStarted.countDown();
            release.await(10, TimeUnit.SECONDS);
            return ran.incrementAndGet();
        });
        assertTrue(firstStarted.await(10, TimeUnit.SECONDS));
        Future<Integer> second = slots.run(ran::incrementAndGet);
        Future<Integer> third = slots.run(ran::incrementAndGet);

        assertTrue(third.failed());
        assertEquals(ErrorCode.TOOMANYREQUESTS, ((RegistryException) third.cause()).code());
        assertEquals(0, ran.get(), "the waiting run starts only when the running one ends");
        release.countDown();
        assertEquals(1, first.toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS));
        assertEquals(2, second.toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS));
        assertEquals(3, slots.run(ran::incrementAndGet).toCompletionStage().toCompletableFuture()
                .get(10, TimeUnit.SECONDS), "a slot is free again");
    }
}
