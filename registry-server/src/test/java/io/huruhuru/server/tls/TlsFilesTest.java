package io.huruhuru.server.tls;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.huruhuru.server.config.RegistryConfig;
import io.huruhuru.server.config.SecurityConfig;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The key file as openssl writes it loads, and only the key goes to the server. */
class TlsFilesTest {

    /** What {@code openssl ecparam -name prime256v1 -genkey} writes before the key: the curve's OID. */
    private static final String EC_PARAMETERS = "-----BEGIN EC PARAMETERS-----\nBggqhkjOPQMBBw==\n"
            + "-----END EC PARAMETERS-----\n";

    @TempDir
    Path dir;

    @Test
    void aKeyFileWithEcParametersBeforeTheKeyLoadsAndOnlyTheKeyIsServed() throws Exception {
        Path certificate = dir.resolve("server.crt");
        Path key = dir.resolve("server.key");
        new TestCertificates().writeServer(certificate, key, 1);
        Files.writeString(key, EC_PARAMETERS + Files.readString(key));

        var options = TlsFiles.load(new SecurityConfig.Tls(RegistryConfig.Listen.parse("127.0.0.1:0"), certificate,
                key));

        String served = options.getKeyValue().toString();
        assertTrue(served.startsWith("-----BEGIN PRIVATE KEY-----"), served);
        assertFalse(served.contains("EC PARAMETERS"), served);
    }
}
