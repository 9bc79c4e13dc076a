package io.huruhuru.server.signing;

import static io.huruhuru.server.signing.RegistrySignatures.tagOf;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.huruhuru.server.RunningRegistry;
import io.huruhuru.validation.fixture.TestImage;
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
        String digest = signatures.push("scratch/app", "1.0", TestImage.plain());

        assertTrue(signatures.manifest("scratch/app", tagOf(digest, "sig")).isEmpty());
    }

    @Test
    void signValidatedSignsAKoskitImageThatPassed() throws Exception {
        String digest = signatures.push("checked/hello", "1.0", TestImage.hello());

        assertTrue(signatures.manifest("checked/hello", tagOf(digest, "sig")).isPresent());
        assertTrue(signatures.manifest("checked/hello", tagOf(digest, "att")).isPresent());
    }

    @Test
    void signValidatedLeavesAnImageWithoutKoskitLabelsUnsigned() throws Exception {
        String digest = signatures.push("checked/plain", "1.0", TestImage.plain());

        assertTrue(signatures.manifest("checked/plain", tagOf(digest, "sig")).isEmpty());
    }

    @Test
    void signValidatedLeavesAnImageThatFailedInWarnModeUnsigned() throws Exception {
        // the hello image asks for more heap than the rule's budget: accepted in warn mode, but it did not pass
        String digest = signatures.push("ci/hello", "1.0", TestImage.hello());

        assertTrue(signatures.manifest("ci/hello", tagOf(digest, "sig")).isEmpty());
        assertTrue(signatures.manifest("ci/hello", tagOf(digest, "att")).isEmpty());
    }

    @Test
    void aRepositoryNoRuleCoversIsSigned() throws Exception {
        String digest = signatures.push("other/app", "1.0", TestImage.plain());

        assertTrue(signatures.manifest("other/app", tagOf(digest, "sig")).isPresent());
    }
}
