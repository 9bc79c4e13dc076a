package io.huruhuru.server.auth;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.huruhuru.server.RunningRegistry;
import io.huruhuru.server.config.SecurityConfig;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** With no rule letting anonymous callers pull, they are challenged before a preview body is read or looked up. */
class AnonymousPreviewTest {

    @RegisterExtension
    final RunningRegistry registry = new RunningRegistry().configure(config ->
            AuthFixture.configure(config, config.storage().dataDirectory(), SecurityConfig.Mode.BASIC,
                    AuthFixture.limits(), """
                    rules:
                      - repositories: ["**"]
                        users: [admin]
                        actions: ["*"]
                    """));

    private static void assertChallenged(HttpResponse<byte[]> response) {
        assertEquals(401, response.statusCode(), () -> RunningRegistry.text(response));
        assertTrue(response.headers().firstValue("WWW-Authenticate").isPresent());
    }

    @Test
    void anAnonymousPreviewOrSystemRequestIsChallengedBeforeItsBodyIsRead() {
        // over the body limits: a handler that read the body would answer 413
        String preview = "{\"image\":\"" + "a".repeat(70 * 1024) + "\"}";
        String compose = "services:\n" + "#".repeat(300 * 1024) + "\n";

        assertChallenged(registry.send(registry.request("/sel4/v1/previews")
                .POST(HttpRequest.BodyPublishers.ofString(preview)).build()));
        assertChallenged(registry.send(registry.request("/sel4/v1/systems?platform=qemu-arm-virt")
                .header("Content-Type", "application/yaml")
                .POST(HttpRequest.BodyPublishers.ofString(compose)).build()));
    }

    @Test
    void anAnonymousReadOfAnyPreviewIdIsChallenged() {
        assertChallenged(registry.get("/sel4/v1/previews/" + "0".repeat(64)));
        assertChallenged(registry.get("/sel4/v1/systems/" + "0".repeat(64)));
    }
}
