import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;

/** The image's health check: exits 0 when {@code GET /readyz} on the registry in the same container answers 200. */
public final class Readyz {
    private Readyz() {
    }

    // The image has no shell and no curl, only the JRE; raw HTTP/1.0 over a socket keeps this to java.base.
    public static void main(String[] args) {
        String host = args.length > 0 ? args[0] : "127.0.0.1";
        int port = args.length > 1 ? Integer.parseInt(args[1]) : 5000;
        String path = args.length > 2 ? args[2] : "/readyz";
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress(host, port), 2000);
            socket.setSoTimeout(4000);
            OutputStream out = socket.getOutputStream();
            out.write(("GET " + path + " HTTP/1.0\r\nHost: " + host + "\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
            out.flush();
            String status = statusLine(socket.getInputStream());
            System.out.println(status);
            System.exit(status.matches("HTTP/1\\.[01] 200( .*)?") ? 0 : 1);
        } catch (IOException | RuntimeException e) {
            System.out.println("unhealthy: " + e);
            System.exit(1);
        }
    }

    private static String statusLine(InputStream in) throws IOException {
        StringBuilder line = new StringBuilder();
        for (int c = in.read(); c != -1 && c != '\n' && line.length() < 256; c = in.read()) {
            if (c != '\r') {
                line.append((char) c);
            }
        }
        return line.toString();
    }
}
