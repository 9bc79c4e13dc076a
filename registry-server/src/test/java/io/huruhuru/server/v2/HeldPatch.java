package io.huruhuru.server.v2;

import io.huruhuru.server.RunningRegistry;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;

/**
 * A {@code PATCH} on a connection of its own whose body is held back half-way, so that a test can act while a request
 * is writing an upload; {@link #finish()} sends the rest.
 */
final class HeldPatch implements AutoCloseable {

    private final Socket socket;
    private final byte[] chunk;
    private final int sent;

    private HeldPatch(Socket socket, byte[] chunk, int sent) {
        this.socket = socket;
        this.chunk = chunk;
        this.sent = sent;
    }

    /** Sends the head and the first {@code sent} bytes of {@code chunk}, and waits until the upload holds them. */
    static HeldPatch start(RunningRegistry registry, String location, byte[] chunk, int sent) throws Exception {
        Socket socket = new Socket("127.0.0.1", registry.port());
        try {
            OutputStream out = socket.getOutputStream();
            out.write(head(location, "0-" + (chunk.length - 1), chunk.length));
            out.write(chunk, 0, sent);
            out.flush();
            awaitRange(registry, location, "0-" + (sent - 1));
            return new HeldPatch(socket, chunk, sent);
        } catch (Exception | AssertionError e) {
            socket.close();
            throw e;
        }
    }

    /** Sends the rest of the chunk and returns the response status. */
    int finish() throws IOException {
        socket.getOutputStream().write(chunk, sent, chunk.length - sent);
        socket.getOutputStream().flush();
        return statusOf(socket);
    }

    /** Sends a whole {@code PATCH} on a new connection and returns the response status. */
    static int send(RunningRegistry registry, String location, String contentRange, byte[] chunk) throws IOException {
        try (Socket socket = new Socket("127.0.0.1", registry.port())) {
            OutputStream out = socket.getOutputStream();
            out.write(head(location, contentRange, chunk.length));
            out.write(chunk);
            out.flush();
            return statusOf(socket);
        }
    }

    @Override
    public void close() throws IOException {
        socket.close();
    }

    private static byte[] head(String location, String contentRange, int length) {
        return ("PATCH " + location + " HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/octet-stream\r\n"
                + "Content-Range: " + contentRange + "\r\nContent-Length: " + length + "\r\n\r\n")
                .getBytes(StandardCharsets.US_ASCII);
    }

    private static int statusOf(Socket socket) throws IOException {
        socket.setSoTimeout(10_000);
        String line = new BufferedReader(new InputStreamReader(socket.getInputStream(), StandardCharsets.US_ASCII))
                .readLine();
        return Integer.parseInt(line.split(" ")[1]);
    }

    private static void awaitRange(RunningRegistry registry, String location, String range)
            throws InterruptedException {
        long deadline = System.nanoTime() + 10_000_000_000L;
        String seen = "";
        while (System.nanoTime() < deadline) {
            seen = registry.get(location).headers().firstValue("Range").orElse("");
            if (seen.equals(range)) {
                return;
            }
            Thread.sleep(10);
        }
        throw new AssertionError("upload range stayed " + seen + ", expected " + range);
    }
}
