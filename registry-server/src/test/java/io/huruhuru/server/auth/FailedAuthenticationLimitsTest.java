package io.huruhuru.server.auth;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.huruhuru.server.OciErrors;
import io.huruhuru.server.RunningRegistry;
import io.huruhuru.server.config.SecurityConfig;
import java.net.http.HttpResponse;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Invalid bearer and refresh tokens count against the client's address like failed logins: slowed, then refused (429).
 */
class FailedAuthenticationLimitsTest {

    @RegisterExtension
    final RunningRegistry registry = new RunningRegistry().configure(config ->
            AuthFixture.configure(config, config.storage().dataDirectory(), SecurityConfig.Mode.TOKEN,
                    new SecurityConfig.Limits(3, Duration.ofMinutes(5), 0, 1 << 20, 0)));

    @Test
    void eachInvalidTokenIsAnsweredMoreSlowly() {
        OciErrors.assertError(bearer("not-a-token-1"), 401, "UNAUTHORIZED");

        long start = System.nanoTime();
        HttpResponse<byte[]> second = bearer("not-a-token-2");
        long millis = (System.nanoTime() - start) / 1_000_000;

        OciErrors.assertError(second, 401, "UNAUTHORIZED");
        assertTrue(millis >= 200, "second invalid token answered after " + millis + " ms");
    }

    @Test
    void invalidTokensBeyondTheLimitLockTheAddressOutEvenWithAValidToken() {
        String valid = AuthFixture.token(registry, "reader", "repository:team-a/app:pull");
        for (int i = 0; i < 3; i++) {
            bearer("not-a-token-" + i);
        }

        HttpResponse<byte[]> response = bearer(valid);

        OciErrors.assertError(response, 429, "TOOMANYREQUESTS");
        long retryAfter = Long.parseLong(response.headers().firstValue("Retry-After").orElseThrow());
        assertTrue(retryAfter > 250 && retryAfter <= 300, "Retry-After " + retryAfter);
    }

    @Test
    void aValidTokenIsNotCountedAsAFailure() {
        String valid = AuthFixture.token(registry, "reader", "repository:team-a/app:pull");

        for (int i = 0; i < 5; i++) {
            assertEquals(404, bearer(valid).statusCode());
        }
    }

    @Test
    void invalidRefreshTokensCountAgainstTheAddressAndALockedOutAddressGetsNoRefresh() {
        String refresh = AuthFixture.json(post("grant_type=password&username=writer&password=writer-password"
                + "&access_type=offline")).get("refresh_token").asText();
        for (int i = 0; i < 3; i++) {
            OciErrors.assertError(post("grant_type=refresh_token&refresh_token=forged-" + i), 401, "UNAUTHORIZED");
        }

        OciErrors.assertError(post("grant_type=refresh_token&refresh_token=" + refresh), 429, "TOOMANYREQUESTS");
    }

    private HttpResponse<byte[]> post(String form) {
        return registry.send(registry.request("/token").header("Content-Type", "application/x-www-form-urlencoded")
                .POST(java.net.http.HttpRequest.BodyPublishers.ofString(form)).build());
    }

    private HttpResponse<byte[]> bearer(String token) {
        return registry.send(registry.request("/v2/team-a/app/tags/list").header("Authorization", "Bearer " + token)
                .GET().build());
    }
}
