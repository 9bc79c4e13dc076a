package io.huruhuru.e2e.registry;

import io.huruhuru.e2e.process.Command;
import io.huruhuru.e2e.process.Processes;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;


/**
 * Huruhuru as a separate process with TLS only (a certificate that a CA made with openssl signs), token
 * authentication, an htpasswd file and access rules: the set-up of the README's "Users, rules and TLS".
 */
public final class SecuredRegistry implements AutoCloseable {

    private final Path directory;
    private final int port;
    private final Process process;

    private SecuredRegistry(Path directory, int port, Process process) {
        this.directory = directory;
        this.port = port;
        this.process = process;
    }

    /**
     * Makes the CA and server certificate, writes {@code htpasswdLines} and {@code rules}, and starts the jar;
     * returns once {@code GET /v2/} over TLS answers 401.
     */
    public static SecuredRegistry start(Path directory, String htpasswdLines, String rules) {
        int port = freeLoopbackPort();
        try {
            Files.createDirectories(directory.resolve("data"));
            Files.writeString(directory.resolve("htpasswd"), htpasswdLines);
            Files.writeString(directory.resolve("rules.yaml"), rules);
            makeCertificates(directory);
            Files.writeString(directory.resolve("huruhuru.yaml"), """
                    http:
                      plain: false
                    tls:
                      listen: 127.0.0.1:%d
                      certificate: %s
                      key: %s
                    auth:
                      mode: token
                      htpasswd: %s
                      rules: %s
                    """.formatted(port, directory.resolve("server.crt"), directory.resolve("server.key"),
                    directory.resolve("htpasswd"), directory.resolve("rules.yaml")));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        Path log = directory.resolve("registry.log");
        Process process = Command.of(HuruhuruJar.javaExecutable(), "-jar", HuruhuruJar.path().toString(), "serve",
                "--config", directory.resolve("huruhuru.yaml").toString(), "--data",
                directory.resolve("data").toString()).in(directory).start(log);
        SecuredRegistry registry = new SecuredRegistry(directory, port, process);
        registry.awaitReady(log);
        return registry;
    }

    /** Host and port as clients write them in an image reference. */
    public String host() {
        return "127.0.0.1:" + port;
    }

    /** The CA certificate that signed the server's, PEM. */
    public Path caCertificate() {
        return directory.resolve("ca.crt");
    }

    /** A directory holding only {@code ca.crt}, as containers tools take in {@code --cert-dir}. */
    public Path certDirectory() {
        Path certs = directory.resolve("certs");
        try {
            Files.createDirectories(certs);
            Files.copy(caCertificate(), certs.resolve("ca.crt"), java.nio.file.StandardCopyOption.REPLACE_EXISTING);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return certs;
    }

    public Path log() {
        return directory.resolve("registry.log");
    }

    @Override
    public void close() {
        Processes.terminate(process, Duration.ofSeconds(30));
    }

    private static void makeCertificates(Path directory) {
        String ca = directory.resolve("ca").toString();
        String server = directory.resolve("server").toString();
        Path extensions = directory.resolve("server.ext");
        try {
            Files.writeString(extensions, "subjectAltName=IP:127.0.0.1,DNS:localhost\n"
                    + "extendedKeyUsage=serverAuth\n");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        Command.of("openssl", "req", "-x509", "-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:P-256", "-nodes",
                "-days", "2", "-subj", "/CN=huruhuru e2e CA", "-keyout", ca + ".key", "-out", ca + ".crt").runOk();
        Command.of("openssl", "req", "-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:P-256", "-nodes",
                "-subj", "/CN=127.0.0.1", "-keyout", server + ".key", "-out", server + ".csr").runOk();
        Command.of("openssl", "x509", "-req", "-in", server + ".csr", "-CA", ca + ".crt", "-CAkey", ca + ".key",
                "-CAcreateserial", "-days", "2", "-extfile", extensions.toString(), "-out", server + ".crt").runOk();
    }

    private void awaitReady(Path log) {
        Instant deadline = Instant.now().plus(Duration.ofSeconds(60));
        while (Instant.now().isBefore(deadline)) {
            if (!process.isAlive()) {
                throw new AssertionError("registry exited with " + process.exitValue() + "; log:\n"
                        + Processes.tail(log, 60));
            }
            var result = Command.of("curl", "-s", "-o", "/dev/null", "-w", "%{http_code}", "--cacert",
                    caCertificate().toString(), "https://" + host() + "/v2/").timeout(Duration.ofSeconds(5)).run();
            if (result.stdout().strip().equals("401")) {
                return;
            }
            try {
                Thread.sleep(200);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
        }
        throw new AssertionError("registry not ready over TLS; log:\n" + Processes.tail(log, 60));
    }

    private static int freeLoopbackPort() {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException("no free loopback port", e);
        }
    }
}
