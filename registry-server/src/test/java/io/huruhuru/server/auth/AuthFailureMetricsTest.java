package io.huruhuru.server.auth;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.huruhuru.server.RunningRegistry;
import io.huruhuru.server.config.SecurityConfig;
import io.huruhuru.server.metrics.Scrape;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** {@code huruhuru_auth_failures_total} counts refusals by reason, never by user. */
class AuthFailureMetricsTest {

    @RegisterExtension
    final RunningRegistry registry = new RunningRegistry().configure(config ->
            AuthFixture.configure(config, config.storage().dataDirectory(), SecurityConfig.Mode.BASIC,
                    AuthFixture.limits()));

    @Test
    void refusalsAreCountedByReason() {
        registry.get("/v2/");
        send("/v2/", AuthFixture.basic("reader", "wrong"));
        send("/v2/", AuthFixture.basic("reader", "wrong"));
        send("/v2/private/app/tags/list", AuthFixture.basic("other", AuthFixture.password("other")));

        Scrape scrape = Scrape.until(registry, s -> s.valueOrZero("huruhuru_auth_failures_total") >= 4);

        assertEquals(1, scrape.value("huruhuru_auth_failures_total", "reason", "no_credentials"));
        assertEquals(2, scrape.value("huruhuru_auth_failures_total", "reason", "bad_credentials"));
        assertEquals(1, scrape.value("huruhuru_auth_failures_total", "reason", "denied"));
        assertEquals(false, scrape.text().contains("reader"), "a user in the labels");
    }

    private void send(String path, String authorization) {
        registry.send(registry.request(path).header("Authorization", authorization).GET().build());
    }
}
