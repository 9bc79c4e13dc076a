package io.huruhuru.bench.registry;

import java.io.ByteArrayOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.StandardSocketOptions;
import java.nio.ByteBuffer;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * A keep-alive HTTP/1.1 client connection over a blocking socket channel.
 *
 * <p>Plain sockets rather than java.net.http because the benchmark must not be limited by its
 * client: bodies go from one shared direct buffer to the socket and pulled bytes are counted in
 * place, with no copy into per-request buffers.
 */
final class HttpConnection implements AutoCloseable {

    private static final int SMALL_BODY = 64 * 1024;

    private final InetSocketAddress address;
    private final String host;
    private final ByteBuffer in = ByteBuffer.allocateDirect(1 << 20).flip();
    private SocketChannel channel;
    private boolean reused;

    HttpConnection(InetSocketAddress address) {
        this.address = address;
        this.host = address.getHostString() + ":" + address.getPort();
    }

    /** Sends one request and reads its response; keepBody false counts a 2xx body without keeping it. */
    HttpResponse exchange(String method, String target, List<String> headers, Body body, boolean keepBody)
            throws IOException {
        try {
            return exchangeOnce(method, target, headers, body, keepBody);
        } catch (StaleConnectionException e) {
            // The server closed an idle kept-alive connection before reading our request: safe to resend.
            close();
            return exchangeOnce(method, target, headers, body, keepBody);
        }
    }

    private HttpResponse exchangeOnce(String method, String target, List<String> headers, Body body,
            boolean keepBody) throws IOException {
        open();
        boolean wasReused = reused;
        reused = true;
        IOException writeFailure = null;
        try {
            writeRequest(method, target, headers, body);
        } catch (IOException e) {
            // A server may answer an error and close before taking the whole body; read that answer.
            writeFailure = e;
        }
        try {
            return readResponse(method, keepBody);
        } catch (EOFException e) {
            close();
            if (wasReused && writeFailure == null && e.getMessage() == null) {
                throw new StaleConnectionException();
            }
            IOException failure = writeFailure != null ? writeFailure : e;
            throw new IOException(method + " " + target + ": connection closed without a response", failure);
        } catch (IOException e) {
            close();
            throw e;
        }
    }

    private void open() throws IOException {
        if (channel != null && channel.isOpen()) {
            return;
        }
        channel = SocketChannel.open(address);
        channel.setOption(StandardSocketOptions.TCP_NODELAY, true);
        in.clear().flip();
        reused = false;
    }

    private void writeRequest(String method, String target, List<String> headers, Body body) throws IOException {
        StringBuilder head = new StringBuilder(256)
                .append(method).append(' ').append(target).append(" HTTP/1.1\r\n")
                .append("Host: ").append(host).append("\r\n")
                .append("User-Agent: huruhuru-registry-bench\r\n");
        for (String header : headers) {
            head.append(header).append("\r\n");
        }
        if (body.length() > 0 || !method.equals("GET") && !method.equals("HEAD")) {
            head.append("Content-Length: ").append(body.length()).append("\r\n");
        }
        head.append("\r\n");
        ByteBuffer headBuffer = ByteBuffer.wrap(head.toString().getBytes(StandardCharsets.ISO_8859_1));
        if (body.length() <= SMALL_BODY) {
            // One segment for small requests so that no request is split across two packets.
            ByteArrayOutputStream whole = new ByteArrayOutputStream(headBuffer.remaining() + (int) body.length());
            whole.write(headBuffer.array(), 0, headBuffer.remaining());
            body.writeTo(java.nio.channels.Channels.newChannel(whole));
            ByteBuffer all = ByteBuffer.wrap(whole.toByteArray());
            while (all.hasRemaining()) {
                channel.write(all);
            }
            return;
        }
        while (headBuffer.hasRemaining()) {
            channel.write(headBuffer);
        }
        body.writeTo(channel);
    }

    private HttpResponse readResponse(String method, boolean keepBody) throws IOException {
        String statusLine;
        do {
            statusLine = readLine(true);
            if (statusLine.isEmpty()) {
                throw new IOException("empty status line");
            }
        } while (statusLine.startsWith("HTTP/1.1 100") && readHeaders() != null);
        String[] parts = statusLine.split(" ", 3);
        if (parts.length < 2 || !parts[0].startsWith("HTTP/")) {
            throw new IOException("not an HTTP status line: " + statusLine);
        }
        int status = Integer.parseInt(parts[1]);
        Map<String, List<String>> headers = readHeaders();
        // An error body is always kept: it is what the report shows.
        ByteArrayOutputStream kept = keepBody || status >= 300 ? new ByteArrayOutputStream() : null;
        long length = 0;
        boolean closeAfter = "close".equalsIgnoreCase(first(headers, "connection"))
                || parts[0].equals("HTTP/1.0");
        if (!method.equals("HEAD") && status != 204 && status != 304 && status >= 200) {
            String lengthHeader = first(headers, "content-length");
            if ("chunked".equalsIgnoreCase(first(headers, "transfer-encoding"))) {
                length = readChunked(kept);
            } else if (lengthHeader != null) {
                length = Long.parseLong(lengthHeader.trim());
                readExactly(length, kept);
            } else {
                length = readToEnd(kept);
                closeAfter = true;
            }
        }
        if (closeAfter) {
            close();
        }
        return new HttpResponse(status, headers, kept == null ? null : kept.toByteArray(), length);
    }

    private Map<String, List<String>> readHeaders() throws IOException {
        Map<String, List<String>> headers = new LinkedHashMap<>();
        for (String line = readLine(false); !line.isEmpty(); line = readLine(false)) {
            int colon = line.indexOf(':');
            if (colon > 0) {
                headers.computeIfAbsent(line.substring(0, colon).trim().toLowerCase(Locale.ROOT),
                        k -> new ArrayList<>()).add(line.substring(colon + 1).trim());
            }
        }
        return headers;
    }

    private static String first(Map<String, List<String>> headers, String name) {
        List<String> values = headers.get(name);
        return values == null ? null : values.get(0);
    }

    private long readChunked(ByteArrayOutputStream kept) throws IOException {
        long total = 0;
        while (true) {
            String sizeLine = readLine(false);
            int semicolon = sizeLine.indexOf(';');
            long size = Long.parseLong((semicolon < 0 ? sizeLine : sizeLine.substring(0, semicolon)).trim(), 16);
            if (size == 0) {
                while (!readLine(false).isEmpty()) {
                    // trailers are ignored
                }
                return total;
            }
            readExactly(size, kept);
            total += size;
            readLine(false);
        }
    }

    private void readExactly(long count, ByteArrayOutputStream kept) throws IOException {
        long remaining = count;
        while (remaining > 0) {
            if (!in.hasRemaining() && fill() < 0) {
                throw new EOFException("body ended after " + (count - remaining) + " of " + count + " bytes");
            }
            int take = (int) Math.min(remaining, in.remaining());
            consume(take, kept);
            remaining -= take;
        }
    }

    private long readToEnd(ByteArrayOutputStream kept) throws IOException {
        long total = 0;
        while (in.hasRemaining() || fill() >= 0) {
            int take = in.remaining();
            consume(take, kept);
            total += take;
        }
        return total;
    }

    private void consume(int count, ByteArrayOutputStream kept) {
        if (kept == null) {
            in.position(in.position() + count);
            return;
        }
        byte[] bytes = new byte[count];
        in.get(bytes);
        kept.write(bytes, 0, count);
    }

    /** Reads a CRLF-terminated line; an end of stream before the first byte of a status line is a bare EOF. */
    private String readLine(boolean statusLine) throws IOException {
        StringBuilder line = new StringBuilder(64);
        while (true) {
            if (!in.hasRemaining() && fill() < 0) {
                if (statusLine && line.length() == 0) {
                    throw new EOFException();
                }
                throw new EOFException("connection closed inside the response head");
            }
            byte b = in.get();
            if (b == '\n') {
                int end = line.length();
                if (end > 0 && line.charAt(end - 1) == '\r') {
                    line.setLength(end - 1);
                }
                return line.toString();
            }
            line.append((char) (b & 0xff));
        }
    }

    private int fill() throws IOException {
        in.clear();
        int read = channel.read(in);
        in.flip();
        return read;
    }

    @Override
    public void close() {
        if (channel != null) {
            try {
                channel.close();
            } catch (IOException ignored) {
                // closing is best effort
            }
            channel = null;
        }
    }

    /** The kept-alive connection was closed by the server before it read the request. */
    private static final class StaleConnectionException extends IOException {
        StaleConnectionException() {
            super("stale kept-alive connection");
        }
    }
}
