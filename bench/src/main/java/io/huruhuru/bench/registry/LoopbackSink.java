package io.huruhuru.bench.registry;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.ByteBuffer;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.util.Locale;

/**
 * An in-process stand-in registry that discards pushed bytes and serves pattern bytes, so the
 * client's own ceiling on this machine can be printed next to the figures it limits.
 */
final class LoopbackSink implements AutoCloseable {

    private final ServerSocketChannel server;
    private final long blobSize;
    private final Thread acceptor;

    private LoopbackSink(long blobSize) throws IOException {
        this.blobSize = blobSize;
        this.server = ServerSocketChannel.open().bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
        this.acceptor = new Thread(this::accept, "sink-acceptor");
        this.acceptor.setDaemon(true);
        this.acceptor.start();
    }

    /** Measures monolithic push and pull of a {@code size}-byte blob against the sink. */
    static void measure(long size) throws Exception {
        try (LoopbackSink sink = new LoopbackSink(size)) {
            URI url = URI.create("http://127.0.0.1:" + ((InetSocketAddress) sink.server.getLocalAddress()).getPort());
            PatternBlob blob = PatternBlob.of(1, size);
            try (RegistryClient client = new RegistryClient(url)) {
                client.ping();
                long start = System.nanoTime();
                client.pushMonolithic("sink", blob, "sha256:0");
                Results.put("push_mibps", Results.mibPerSecond(size, System.nanoTime() - start));
                double best = 0;
                for (int i = 0; i < 3; i++) {
                    start = System.nanoTime();
                    client.pull("sink", "sha256:0");
                    best = Math.max(best, Results.mibPerSecond(size, System.nanoTime() - start));
                }
                Results.put("pull_mibps", best);
            }
        }
    }

    private void accept() {
        while (server.isOpen()) {
            try {
                SocketChannel channel = server.accept();
                Thread handler = new Thread(() -> serve(channel), "sink-connection");
                handler.setDaemon(true);
                handler.start();
            } catch (IOException e) {
                return;
            }
        }
    }

    private void serve(SocketChannel channel) {
        ByteBuffer in = ByteBuffer.allocateDirect(1 << 20).flip();
        try (channel) {
            while (true) {
                String head = readHead(channel, in);
                if (head == null) {
                    return;
                }
                String requestLine = head.substring(0, head.indexOf("\r\n"));
                String method = requestLine.substring(0, requestLine.indexOf(' '));
                discard(channel, in, contentLength(head));
                switch (method) {
                    case "POST" -> respond(channel, "202 Accepted", "Location: /v2/sink/blobs/uploads/1\r\n", null);
                    case "PUT" -> respond(channel, "201 Created", "", null);
                    case "GET" -> respond(channel, "200 OK", "",
                            requestLine.contains("/blobs/") ? PatternBlob.of(1, blobSize) : null);
                    default -> respond(channel, "405 Method Not Allowed", "", null);
                }
            }
        } catch (IOException e) {
            // the client went away; nothing to report from a stand-in
        }
    }

    private static String readHead(SocketChannel channel, ByteBuffer in) throws IOException {
        StringBuilder head = new StringBuilder();
        while (!(head.length() >= 4 && head.substring(head.length() - 4).equals("\r\n\r\n"))) {
            if (!in.hasRemaining()) {
                in.clear();
                int read = channel.read(in);
                in.flip();
                if (read < 0) {
                    return null;
                }
            }
            head.append((char) (in.get() & 0xff));
        }
        return head.toString();
    }

    private static long contentLength(String head) {
        for (String line : head.split("\r\n")) {
            if (line.toLowerCase(Locale.ROOT).startsWith("content-length:")) {
                return Long.parseLong(line.substring(15).trim());
            }
        }
        return 0;
    }

    private static void discard(SocketChannel channel, ByteBuffer in, long count) throws IOException {
        long remaining = count;
        while (remaining > 0) {
            if (!in.hasRemaining()) {
                in.clear();
                if (channel.read(in) < 0) {
                    throw new IOException("request body cut short");
                }
                in.flip();
            }
            int take = (int) Math.min(remaining, in.remaining());
            in.position(in.position() + take);
            remaining -= take;
        }
    }

    private static void respond(SocketChannel channel, String status, String headers, PatternBlob body)
            throws IOException {
        String head = "HTTP/1.1 " + status + "\r\n" + headers
                + "Content-Length: " + (body == null ? 0 : body.length()) + "\r\n\r\n";
        ByteBuffer buffer = ByteBuffer.wrap(head.getBytes(StandardCharsets.ISO_8859_1));
        while (buffer.hasRemaining()) {
            channel.write(buffer);
        }
        if (body != null) {
            body.writeTo(channel);
        }
    }

    @Override
    public void close() throws IOException {
        server.close();
    }
}
