package io.huruhuru.server.auth;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** bcrypt runs on its own few threads, and a full queue refuses rather than grows. */
class BcryptPoolTest {

    private final Vertx vertx = Vertx.vertx();
    private final BcryptPool pool = new BcryptPool(1, 1);

    @AfterEach
    void close() throws Exception {
        pool.close();
        vertx.close().await(10, TimeUnit.SECONDS);
    }

    @Test
    void checksRunOnTheBcryptThreadsNotOnTheStoragePool() throws Exception {
        String thread = pool.run(vertx, () -> Thread.currentThread().getName()).await(10, TimeUnit.SECONDS);

        assertTrue(thread.startsWith("huruhuru-bcrypt-"), thread);
    }

    @Test
    void aTaskBeyondTheQueueIsRefusedAsBusy() throws Exception {
        CountDownLatch release = new CountDownLatch(1);
        Future<Boolean> running = pool.run(vertx, () -> release.await(10, TimeUnit.SECONDS));
        Future<Boolean> queued = pool.run(vertx, () -> true);

        Future<Boolean> refused = pool.run(vertx, () -> true);

        assertTrue(refused.failed());
        assertInstanceOf(BcryptPool.Busy.class, refused.cause());
        release.countDown();
        assertEquals(true, running.await(10, TimeUnit.SECONDS));
        assertEquals(true, queued.await(10, TimeUnit.SECONDS));
    }
}
