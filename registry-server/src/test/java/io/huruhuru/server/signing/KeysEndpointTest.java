package io.huruhuru.server.signing;

import static io.huruhuru.server.RunningRegistry.text;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.huruhuru.server.OciErrors;
import io.huruhuru.server.RunningRegistry;
import io.huruhuru.server.config.RegistryConfig;
import java.math.BigInteger;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.security.interfaces.ECPublicKey;
import java.util.Base64;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** {@code GET /sel4/v1/keys}, and the key that the registry generates on first start and keeps. */
class KeysEndpointTest {

    @RegisterExtension
    final RunningRegistry registry = new RunningRegistry();

    @Test
    void servesTheSigningKeyAsAJwksByDefault() throws Exception {
        HttpResponse<byte[]> response = registry.get("/sel4/v1/keys");

        assertEquals(200, response.statusCode());
        assertEquals("application/jwk-set+json", response.headers().firstValue("Content-Type").orElseThrow());
        JsonNode key = RegistrySignatures.JSON.readTree(response.body()).path("keys").get(0);
        assertEquals("EC", key.path("kty").asText());
        assertEquals("P-256", key.path("crv").asText());
        assertFalse(key.has("d"), "a JWKS of public keys holds no private part");
        ECPublicKey pem = (ECPublicKey) new RegistrySignatures(registry).keys().get(0);
        assertEquals(pem.getW().getAffineX(), new BigInteger(1, Base64.getUrlDecoder().decode(key.path("x").asText())));
        assertEquals(pem.getW().getAffineY(), new BigInteger(1, Base64.getUrlDecoder().decode(key.path("y").asText())));
    }

    @Test
    void servesPemWhenAskedByFormatOrAccept() {
        HttpResponse<byte[]> byFormat = registry.get("/sel4/v1/keys?format=pem");
        HttpResponse<byte[]> byAccept = registry.send(registry.request("/sel4/v1/keys")
                .header("Accept", "application/x-pem-file").GET().build());

        assertEquals("application/x-pem-file", byFormat.headers().firstValue("Content-Type").orElseThrow());
        assertTrue(text(byFormat).startsWith("-----BEGIN PUBLIC KEY-----"), text(byFormat));
        assertFalse(text(byFormat).contains("PRIVATE"));
        assertEquals(text(byFormat), text(byAccept));
    }

    @Test
    void headAnswersAsGetWithoutABody() {
        HttpResponse<byte[]> head = registry.send(registry.request("/sel4/v1/keys")
                .method("HEAD", java.net.http.HttpRequest.BodyPublishers.noBody()).build());

        assertEquals(200, head.statusCode());
        assertEquals(registry.get("/sel4/v1/keys").body().length,
                Integer.parseInt(head.headers().firstValue("Content-Length").orElseThrow()));
        assertEquals(0, head.body().length);
    }

    @Test
    void anUnknownFormatIsARequestError() {
        OciErrors.assertError(registry.get("/sel4/v1/keys?format=xml"), 400, "REQUEST_INVALID");
    }

    @Test
    void theGeneratedKeyIsOwnerOnlyAndKeptAcrossRestarts() throws Exception {
        Path file = registry.dataDirectory().resolve(RegistryConfig.Signing.DEFAULT_KEY_FILE);
        String before = text(registry.get("/sel4/v1/keys"));

        registry.stop();
        registry.start();

        assertEquals(Set.of(PosixFilePermission.OWNER_READ, PosixFilePermission.OWNER_WRITE),
                Files.getPosixFilePermissions(file));
        assertEquals(before, text(registry.get("/sel4/v1/keys")));
    }
}
