package io.huruhuru.server;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.IOException;
import java.io.InputStream;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.Random;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

class ShutdownTest {

    @RegisterExtension
    final RunningRegistry registry = new RunningRegistry();

    /** A request body that sends half, waits for a signal, then sends the rest. */
    private static final class HeldBody extends InputStream {
        private final byte[] content;
        private final CountDownLatch halfSent = new CountDownLatch(1);
        private final CountDownLatch release = new CountDownLatch(1);
        private int position;

        HeldBody(byte[] content) {
            this.content = content;
        }

        @Override
        public int read() {
            throw new UnsupportedOperationException();
        }

        @Override
        public int read(byte[] buffer, int offset, int length) throws IOException {
            if (position == content.length) {
                return -1;
            }
            if (position == content.length / 2) {
                halfSent.countDown();
                try {
                    release.await();
                } catch (InterruptedException e) {
                    throw new IOException(e);
                }
            }
            int limit = position < content.length / 2 ? content.length / 2 : content.length;
            int n = Math.min(length, limit - position);
            System.arraycopy(content, position, buffer, offset, n);
            position += n;
            return n;
        }
    }

    @Test
    void stopLetsAnUploadInFlightFinishThenRefusesNewConnections() throws Exception {
        byte[] content = new byte[4 * 1024 * 1024];
        new Random(1).nextBytes(content);
        String digest = RunningRegistry.sha256(content);
        HeldBody body = new HeldBody(content);
        int port = registry.port();
        CompletableFuture<HttpResponse<byte[]>> push = CompletableFuture.supplyAsync(() -> registry.send(
                registry.request("/v2/repo/blobs/uploads/?digest=" + digest)
                        .POST(HttpRequest.BodyPublishers.ofInputStream(() -> body)).build()));
        assertEquals(true, body.halfSent.await(10, TimeUnit.SECONDS));

        CompletableFuture<Void> stopping = CompletableFuture.runAsync(() -> {
            try {
                registry.stop();
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        });
        Thread.sleep(300);
        body.release.countDown();

        assertEquals(201, push.get(20, TimeUnit.SECONDS).statusCode());
        stopping.get(20, TimeUnit.SECONDS);
        assertThrows(IOException.class, () -> new java.net.Socket("127.0.0.1", port).close());
        registry.start();
        assertArrayEquals(content, registry.get("/v2/repo/blobs/" + digest).body());
    }
}
