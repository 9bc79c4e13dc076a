package io.huruhuru.server.hostile;

import io.huruhuru.server.contract.ResponseContract;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.Optional;

/**
 * Sends bytes that no HTTP client would send on a fresh connection and reads the one answer, if any: the status and
 * body of the first response, or that the server closed the connection or stayed silent past a time-out.
 */
public final class RawHttp {

    /** What came back: {@code status} is {@link #CLOSED} when the server closed without a response. */
    public record Answer(int status, String head, byte[] body, boolean timedOut) {
        public String text() {
            return new String(body, StandardCharsets.UTF_8);
        }
    }

    static final int CLOSED = -1;
    private static final int MAX_HEAD = 64 * 1024;

    private RawHttp() {
    }

    public static Answer exchange(int port, byte[] request, int timeoutMillis) throws IOException {
        return exchange(port, request, timeoutMillis, true);
    }

    /**
     * Sends {@code request}; with {@code halfClose} the sending side is shut right after, so that a server waiting for
     * more of a truncated request sees the end of the stream instead of waiting for ever.
     */
    public static Answer exchange(int port, byte[] request, int timeoutMillis, boolean halfClose) throws IOException {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress("127.0.0.1", port), timeoutMillis);
            socket.setSoTimeout(timeoutMillis);
            OutputStream out = socket.getOutputStream();
            try {
                out.write(request);
                out.flush();
                if (halfClose) {
                    socket.shutdownOutput();
                }
            } catch (IOException e) {
                // refused mid-request: the answer, if any, is still to be read
            }
            Answer answer = read(socket.getInputStream());
            if (answer.status() > 0 && !answer.timedOut()) {
                ResponseContract.get().checkRaw(request, answer.status(), answer.head(), answer.body());
            }
            return answer;
        }
    }

    static Answer exchange(int port, String request, int timeoutMillis) throws IOException {
        return exchange(port, request, timeoutMillis, true);
    }

    static Answer exchange(int port, String request, int timeoutMillis, boolean halfClose) throws IOException {
        return exchange(port, request.getBytes(StandardCharsets.ISO_8859_1), timeoutMillis, halfClose);
    }

    private static Answer read(InputStream in) throws IOException {
        ByteArrayOutputStream head = new ByteArrayOutputStream();
        try {
            int matched = 0;
            while (matched < 4) {
                int b = in.read();
                if (b < 0) {
                    return new Answer(CLOSED, head.toString(StandardCharsets.ISO_8859_1), new byte[0], false);
                }
                head.write(b);
                matched = (b == (matched % 2 == 0 ? '\r' : '\n')) ? matched + 1 : (b == '\r' ? 1 : 0);
                if (head.size() > MAX_HEAD) {
                    throw new IOException("response head longer than " + MAX_HEAD);
                }
            }
        } catch (SocketTimeoutException e) {
            return new Answer(CLOSED, head.toString(StandardCharsets.ISO_8859_1), new byte[0], true);
        } catch (IOException e) {
            // a reset after a refusal: whatever head arrived is still the answer
            if (head.size() == 0) {
                return new Answer(CLOSED, "", new byte[0], false);
            }
        }
        String text = head.toString(StandardCharsets.ISO_8859_1);
        int status = parseStatus(text);
        byte[] body = contentLength(text).map(length -> readBody(in, length)).orElse(new byte[0]);
        return new Answer(status, text, body, false);
    }

    private static int parseStatus(String head) {
        String[] parts = head.split(" ", 3);
        try {
            return parts.length >= 2 && parts[0].startsWith("HTTP/") ? Integer.parseInt(parts[1]) : CLOSED;
        } catch (NumberFormatException e) {
            return CLOSED;
        }
    }

    private static Optional<Integer> contentLength(String head) {
        for (String line : head.split("\r\n")) {
            if (line.toLowerCase(Locale.ROOT).startsWith("content-length:")) {
                return Optional.of(Integer.parseInt(line.substring(15).trim()));
            }
        }
        return Optional.empty();
    }

    private static byte[] readBody(InputStream in, int length) {
        try {
            return in.readNBytes(length);
        } catch (IOException e) {
            return new byte[0];
        }
    }
}
