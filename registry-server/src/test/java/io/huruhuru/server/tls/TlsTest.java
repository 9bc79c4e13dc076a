package io.huruhuru.server.tls;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.huruhuru.server.RunningRegistry;
import io.huruhuru.server.config.RegistryConfig;
import io.huruhuru.server.config.SecurityConfig;
import io.huruhuru.server.reload.Reloading;
import java.math.BigInteger;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.cert.X509Certificate;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The TLS port: HTTP/2 by ALPN, certificates reloaded without dropping connections, the plain port off. */
class TlsTest {

    private static final TestCertificates CERTIFICATES = new TestCertificates();

    @RegisterExtension
    final RunningRegistry registry = new RunningRegistry().configure(config -> tls(config, config.storage().dataDirectory(), true));

    @RegisterExtension
    final RunningRegistry tlsOnly = new RunningRegistry().configure(config -> tls(config, config.storage().dataDirectory(), false));

    private static RegistryConfig tls(RegistryConfig config, Path data, boolean plain) {
        Path certificate = data.resolve("server.crt");
        Path key = data.resolve("server.key");
        CERTIFICATES.writeServer(certificate, key, 1);
        return config.withSecurity(config.security().withTls(Optional.of(new SecurityConfig.Tls(
                RegistryConfig.Listen.parse("127.0.0.1:0"), certificate, key)), plain));
    }

    @Test
    void theTlsPortSpeaksHttp2ToAClientThatOffersIt() throws Exception {
        HttpResponse<String> response = client(HttpClient.Version.HTTP_2).send(get(registry.tlsPort(), "/v2/"),
                HttpResponse.BodyHandlers.ofString());

        assertEquals(200, response.statusCode());
        assertEquals(HttpClient.Version.HTTP_2, response.version());
    }

    @Test
    void theTlsPortSpeaksHttp1ToAClientThatAsksForIt() throws Exception {
        HttpResponse<String> response = client(HttpClient.Version.HTTP_1_1).send(get(registry.tlsPort(), "/v2/"),
                HttpResponse.BodyHandlers.ofString());

        assertEquals(HttpClient.Version.HTTP_1_1, response.version());
        assertEquals("registry/2.0", response.headers().firstValue("Docker-Distribution-API-Version").orElseThrow());
    }

    @Test
    void thePlainPortStaysOnBesideTls() {
        assertEquals(200, registry.get("/v2/").statusCode());
    }

    @Test
    void aReplacedCertificateIsServedToNewConnectionsWhileOpenOnesGoOn() throws Exception {
        HttpClient open = client(HttpClient.Version.HTTP_2);
        assertEquals(BigInteger.ONE, serial(open.send(get(registry.tlsPort(), "/v2/"),
                HttpResponse.BodyHandlers.ofString())));

        CERTIFICATES.writeServer(registry.dataDirectory().resolve("server.crt"),
                registry.dataDirectory().resolve("server.key"), 2);

        assertTrue(eventually(() -> serial(client(HttpClient.Version.HTTP_2).send(get(registry.tlsPort(), "/v2/"),
                HttpResponse.BodyHandlers.ofString())).equals(BigInteger.TWO)));
        HttpResponse<String> onOpenConnection = open.send(get(registry.tlsPort(), "/v2/"),
                HttpResponse.BodyHandlers.ofString());
        assertEquals(200, onOpenConnection.statusCode());
        assertEquals(BigInteger.ONE, serial(onOpenConnection));
    }

    @Test
    void aKeyThatDoesNotMatchTheCertificateIsNotServed() throws Exception {
        Path other = Files.createTempDirectory("tls");
        CERTIFICATES.writeServer(other.resolve("a.crt"), other.resolve("a.key"), 3);
        Files.copy(other.resolve("a.key"), registry.dataDirectory().resolve("server.key"),
                java.nio.file.StandardCopyOption.REPLACE_EXISTING);
        Thread.sleep(Reloading.EVERY.toMillis() * 2);

        HttpResponse<String> response = client(HttpClient.Version.HTTP_2).send(get(registry.tlsPort(), "/v2/"),
                HttpResponse.BodyHandlers.ofString());

        assertEquals(BigInteger.ONE, serial(response));
    }

    @Test
    void withThePlainPortOffOnlyTlsListens() throws Exception {
        HttpResponse<String> response = client(HttpClient.Version.HTTP_2).send(get(tlsOnly.tlsPort(), "/v2/"),
                HttpResponse.BodyHandlers.ofString());

        assertEquals(200, response.statusCode());
        assertThrows(IllegalStateException.class, tlsOnly::port);
    }

    @Test
    void thePlainPortCannotBeTurnedOffWithoutTls() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> new SecurityConfig(false,
                Optional.empty(), SecurityConfig.open().auth(), SecurityConfig.open().limits()));

        assertTrue(e.getMessage().startsWith("http.plain"), e.getMessage());
    }

    private static HttpClient client(HttpClient.Version version) {
        return HttpClient.newBuilder().version(version).sslContext(CERTIFICATES.clientContext()).build();
    }

    private static HttpRequest get(int port, String path) {
        return HttpRequest.newBuilder(URI.create("https://127.0.0.1:" + port + path)).GET().build();
    }

    private static BigInteger serial(HttpResponse<?> response) throws javax.net.ssl.SSLPeerUnverifiedException {
        return ((X509Certificate) response.sslSession().orElseThrow().getPeerCertificates()[0]).getSerialNumber();
    }

    private interface Probe {
        boolean test() throws Exception;
    }

    private static boolean eventually(Probe probe) throws Exception {
        long deadline = System.nanoTime() + 10_000_000_000L;
        while (System.nanoTime() < deadline) {
            if (probe.test()) {
                return true;
            }
            Thread.sleep(200);
        }
        return false;
    }
}
