package io.huruhuru.server.signing;

import static io.huruhuru.server.RunningRegistry.text;
import static io.huruhuru.server.signing.RegistrySignatures.tagOf;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.huruhuru.server.RunningRegistry;
import io.huruhuru.validation.fixture.TestImage;
import java.net.http.HttpResponse;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** A policy rule's {@code sign} decides which accepted manifests of its repositories the registry signs. */
class SigningPolicyTest {

    @RegisterExtension
    final RunningRegistry registry = new RunningRegistry().withPolicy("""
            platforms:
              board:
                architecture: arm64
            rules:
              - repositories: ["ci/**"]
                platform: board
                mode: warn
                limits:
                  heap_pages: 1024
                sign: validated
              - repositories: ["checked/**"]
                platform: board
                sign: validated
              - repositories: ["scratch/**"]
                sign: none
            """);

    private final RegistrySignatures signatures = new RegistrySignatures(registry);

    @Test
    void signNoneStoresNoSignature() throws Exception {
        String digest = push("scratch/app", TestImage.plain());

        assertTrue(signatures.manifest("scratch/app", tagOf(digest, "sig")).isEmpty());
    }

    @Test
    void signValidatedSignsAKoskitImageThatPassed() throws Exception {
        String digest = push("checked/hello", TestImage.hello());

        assertTrue(signatures.manifest("checked/hello", tagOf(digest, "sig")).isPresent());
        assertTrue(signatures.manifest("checked/hello", tagOf(digest, "att")).isPresent());
    }

    @Test
    void signValidatedLeavesAnImageWithoutKoskitLabelsUnsigned() throws Exception {
        String digest = push("checked/plain", TestImage.plain());

        assertTrue(signatures.manifest("checked/plain", tagOf(digest, "sig")).isEmpty());
    }

    @Test
    void signValidatedLeavesAnImageThatFailedInWarnModeUnsigned() throws Exception {
        // the hello image asks for more heap than the rule's budget: accepted in warn mode, but it did not pass
        String digest = push("ci/hello", TestImage.hello());

        assertTrue(signatures.manifest("ci/hello", tagOf(digest, "sig")).isEmpty());
        assertTrue(signatures.manifest("ci/hello", tagOf(digest, "att")).isEmpty());
    }

    @Test
    void aRepositoryNoRuleCoversIsSigned() throws Exception {
        String digest = push("other/app", TestImage.plain());

        assertTrue(signatures.manifest("other/app", tagOf(digest, "sig")).isPresent());
    }

    private String push(String repository, TestImage image) {
        image.blobs().values().forEach(blob -> registry.pushBlob(repository, blob));
        HttpResponse<byte[]> put = registry.putManifest(repository, "1.0", image.manifestMediaType(),
                image.manifestBytes());
        assertEquals(201, put.statusCode(), () -> text(put));
        return put.headers().firstValue("Docker-Content-Digest").orElseThrow();
    }
}
