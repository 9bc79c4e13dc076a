package io.huruhuru.e2e;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.SSLSocketFactory;

/** Speaks TLS to the plain-HTTP port, as skopeo, podman and docker do first with {@code --tls-verify=false}. */
final class PlainPortProbe {

    /** Longer than any prompt refusal, far shorter than the clients' own patience. */
    static final int TIMEOUT_MILLIS = 5_000;

    private PlainPortProbe() {
    }

    /** Attempts a TLS handshake; a plain-HTTP server must make it fail with an error, not a timeout. */
    static void tlsHandshake(String hostAndPort) throws IOException {
        int colon = hostAndPort.lastIndexOf(':');
        String host = hostAndPort.substring(0, colon);
        int port = Integer.parseInt(hostAndPort.substring(colon + 1));
        try (Socket plain = new Socket()) {
            plain.connect(new InetSocketAddress(host, port), TIMEOUT_MILLIS);
            plain.setSoTimeout(TIMEOUT_MILLIS);
            SSLSocketFactory factory = (SSLSocketFactory) SSLSocketFactory.getDefault();
            try (SSLSocket tls = (SSLSocket) factory.createSocket(plain, host, port, true)) {
                tls.startHandshake();
            }
        }
    }
}
