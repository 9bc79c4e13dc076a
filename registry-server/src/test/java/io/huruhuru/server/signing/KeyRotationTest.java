package io.huruhuru.server.signing;

import static io.huruhuru.server.signing.RegistrySignatures.tagOf;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import com.fasterxml.jackson.databind.JsonNode;
import io.huruhuru.server.RunningRegistry;
import io.huruhuru.server.config.RegistryConfig;
import io.huruhuru.signature.key.KeyFiles;
import io.huruhuru.validation.fixture.TestImage;
import java.nio.file.Path;
import java.security.PublicKey;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** A new signing key signs from the next start on; the retired one is still served, and its signatures verify. */
class KeyRotationTest {

    @RegisterExtension
    final RunningRegistry registry = new RunningRegistry();

    private final RegistrySignatures signatures = new RegistrySignatures(registry);

    @Test
    void afterRotationTheNewKeySignsAndTheRetiredOneStillVerifies() throws Exception {
        String before = signatures.push("team/app", "1.0", TestImage.plain());
        Path generated = registry.dataDirectory().resolve(RegistryConfig.Signing.DEFAULT_KEY_FILE);
        Path next = registry.dataDirectory().resolve("next-key.pem");
        KeyFiles.loadOrGenerate(next);

        registry.stop();
        registry.configure(config -> config.withSigning(new RegistryConfig.Signing(Optional.of(next),
                Optional.of("key-2027"), List.of(new RegistryConfig.RetiredKey("key-2026", generated)),
                Optional.empty())));
        registry.start();
        String after = signatures.push("team/app", "1.0", TestImage.plain().label("pushed", "after"));

        JsonNode jwks = RegistrySignatures.JSON.readTree(registry.get("/sel4/v1/keys").body()).path("keys");
        assertEquals("key-2027", jwks.get(0).path("kid").asText());
        assertEquals("key-2026", jwks.get(1).path("kid").asText());
        List<PublicKey> keys = signatures.keys();
        PublicKey newKey = keys.get(0);
        PublicKey retired = keys.get(1);
        JsonNode oldSignature = signatures.manifest("team/app", tagOf(before, "sig")).orElseThrow();
        JsonNode newSignature = signatures.manifest("team/app", tagOf(after, "sig")).orElseThrow();
        assertEquals(before, signatures.verifiedPayload("team/app", oldSignature, retired)
                .path("critical").path("image").path("docker-manifest-digest").asText());
        assertEquals(after, signatures.verifiedPayload("team/app", newSignature, newKey)
                .path("critical").path("image").path("docker-manifest-digest").asText());
        assertThrows(AssertionError.class, () -> signatures.verifiedPayload("team/app", newSignature, retired));
    }

    @Test
    void aRetiredKeyThatCannotBeReadStopsStartUpNamingIt() throws Exception {
        Path missing = registry.dataDirectory().resolve("gone.pem");
        registry.stop();
        registry.configure(config -> config.withSigning(new RegistryConfig.Signing(Optional.empty(), Optional.empty(),
                List.of(new RegistryConfig.RetiredKey("old", missing)), Optional.empty())));

        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, registry::start);

        assertEquals(true, e.getMessage().startsWith("cannot load the signing keys: "), e.getMessage());
        assertEquals(true, e.getMessage().contains(missing.toString()), e.getMessage());
        registry.configure(config -> config);
        registry.start(); // the failed start left the data directory unlocked
        assertEquals(200, registry.get("/v2/").statusCode());
    }
}
