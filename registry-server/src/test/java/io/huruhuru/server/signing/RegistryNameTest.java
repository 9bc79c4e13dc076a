package io.huruhuru.server.signing;

import static io.huruhuru.server.RunningRegistry.text;
import static io.huruhuru.server.signing.RegistrySignatures.tagOf;
import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.JsonNode;
import io.huruhuru.server.RunningRegistry;
import io.huruhuru.server.config.RegistryConfig;
import io.huruhuru.validation.fixture.TestImage;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** {@code signing.registryName} is the registry named in every signature and attestation. */
class RegistryNameTest {

    @RegisterExtension
    final RunningRegistry registry = new RunningRegistry().configure(config -> config.withSigning(
            new RegistryConfig.Signing(Optional.empty(), Optional.empty(), List.of(),
                    Optional.of("registry.example:5000"))));

    private final RegistrySignatures signatures = new RegistrySignatures(registry);

    @Test
    void signaturesAndAttestationsNameTheConfiguredRegistry() throws Exception {
        TestImage image = TestImage.hello();
        image.blobs().values().forEach(blob -> registry.pushBlob("kos/hello", blob));
        HttpResponse<byte[]> put = registry.putManifest("kos/hello", "1.0", image.manifestMediaType(),
                image.manifestBytes());
        assertEquals(201, put.statusCode(), () -> text(put));
        String digest = put.headers().firstValue("Docker-Content-Digest").orElseThrow();

        JsonNode payload = signatures.verifiedPayload("kos/hello",
                signatures.manifest("kos/hello", tagOf(digest, "sig")).orElseThrow(), signatures.keys().get(0));
        JsonNode statement = signatures.verifiedStatement("kos/hello",
                signatures.manifest("kos/hello", tagOf(digest, "att")).orElseThrow(), signatures.keys().get(0));

        assertEquals("registry.example:5000/kos/hello",
                payload.path("critical").path("identity").path("docker-reference").asText());
        assertEquals("registry.example:5000/kos/hello", statement.path("subject").get(0).path("name").asText());
    }
}
