package io.huruhuru.server.v2.blob;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.huruhuru.server.RunningRegistry;
import java.io.InputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

class BlobStreamerTest {

    @RegisterExtension
    final RunningRegistry registry = new RunningRegistry();

    /** Three chunks and a bit, so that a pull reads ahead and queues writes. */
    private final byte[] content = new byte[3 * 4 * 1024 * 1024 + 5];

    @Test
    void pullsGiveEveryChunkBack() throws Exception {
        new Random(7).nextBytes(content);
        String digest = registry.pushBlob("repo", content);

        for (int i = 0; i < 20; i++) {
            assertArrayEquals(content, registry.get("/v2/repo/blobs/" + digest).body());
        }

        awaitNoChunkInUse();
    }

    @Test
    void aPullTheClientAbandonsGivesItsChunksBack() throws Exception {
        new Random(8).nextBytes(content);
        String digest = registry.pushBlob("repo", content);

        try (Socket socket = new Socket("127.0.0.1", registry.port())) {
            socket.getOutputStream().write(("GET /v2/repo/blobs/" + digest + " HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n")
                    .getBytes(StandardCharsets.US_ASCII));
            InputStream in = socket.getInputStream();
            assertEquals(0x100000, in.readNBytes(0x100000).length);
        }

        awaitNoChunkInUse();
    }

    private static void awaitNoChunkInUse() throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        while (BlobStreamer.chunksInUse() != 0 && System.nanoTime() < deadline) {
            Thread.sleep(10);
        }
        assertEquals(0, BlobStreamer.chunksInUse(), "chunks of finished pulls still taken");
    }
}
