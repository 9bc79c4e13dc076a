package io.huruhuru.server.v2.blob;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.huruhuru.server.RunningRegistry;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
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

    @Test
    void pullsBeyondThePoolAllCompleteWhileOthersStall() throws Exception {
        byte[] large = new byte[32 * 1024 * 1024 + 3];
        new Random(9).nextBytes(large);
        String digest = registry.pushBlob("repo", large);
        // More pulls than the pool has chunks: some pulls find it empty while the others hold every chunk.
        int pulls = BlobStreamer.POOLED_CHUNKS + 8;
        List<Socket> sockets = new ArrayList<>();
        try {
            for (int i = 0; i < pulls; i++) {
                Socket socket = new Socket();
                socket.setReceiveBufferSize(64 * 1024); // so that a client that does not read holds the pull back
                socket.setSoTimeout(10_000);
                socket.connect(new InetSocketAddress("127.0.0.1", registry.port()));
                sockets.add(socket);
                socket.getOutputStream().write(("GET /v2/repo/blobs/" + digest
                        + " HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
            }
            Thread.sleep(500); // every pull reads ahead while no client reads

            // The last pull is read first, while all others hold their chunks.
            for (int i = pulls - 1; i >= 0; i--) {
                assertArrayEquals(large, body(sockets.get(i).getInputStream()), "pull " + i);
            }
        } finally {
            for (Socket socket : sockets) {
                socket.close();
            }
        }

        awaitNoChunkInUse();
    }

    /** The body of one HTTP/1.1 response with a Content-Length. */
    private static byte[] body(InputStream in) throws IOException {
        StringBuilder head = new StringBuilder();
        while (!head.toString().endsWith("\r\n\r\n")) {
            int b = in.read();
            if (b < 0) {
                throw new IOException("connection closed in the response head: " + head);
            }
            head.append((char) b);
        }
        Matcher length = Pattern.compile("(?i)content-length: *(\\d+)").matcher(head);
        assertTrue(head.toString().startsWith("HTTP/1.1 200"), head.toString());
        assertTrue(length.find(), head.toString());
        return in.readNBytes(Integer.parseInt(length.group(1)));
    }

    private static void awaitNoChunkInUse() throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        while (BlobStreamer.chunksInUse() != 0 && System.nanoTime() < deadline) {
            Thread.sleep(10);
        }
        assertEquals(0, BlobStreamer.chunksInUse(), "chunks of finished pulls still taken");
    }
}
