package io.huruhuru.server.health;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.huruhuru.server.RunningRegistry;
import io.huruhuru.server.config.SecurityConfig;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Probes and scrapers hold no credentials: the health endpoints and metrics answer them where /v2 asks for a login. */
class HealthWithoutCredentialsTest {

    @RegisterExtension
    final RunningRegistry registry = new RunningRegistry().configure(config -> config.withSecurity(
            config.security().withAuth(new SecurityConfig.Auth(SecurityConfig.Mode.BASIC,
                    Optional.of(htpasswd(config)), Optional.empty(), config.security().auth().token()))));

    private static java.nio.file.Path htpasswd(io.huruhuru.server.config.RegistryConfig config) {
        try {
            return java.nio.file.Files.writeString(config.storage().dataDirectory().resolve("htpasswd"), "");
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    @Test
    void healthAndMetricsAnswerWithoutCredentialsWhileTheApiAsksForThem() {
        assertEquals(401, registry.get("/v2/").statusCode());
        for (String path : List.of("/livez", "/readyz", "/startupz", "/metrics")) {
            assertEquals(200, registry.get(path).statusCode(), path);
        }
    }
}
