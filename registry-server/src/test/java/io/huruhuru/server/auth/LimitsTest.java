package io.huruhuru.server.auth;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.huruhuru.server.OciErrors;
import io.huruhuru.server.RunningRegistry;
import io.huruhuru.server.config.SecurityConfig;
import java.net.http.HttpResponse;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Failed logins slowed then refused, no user enumeration, and the per-identity request rate (Basic mode). */
class LimitsTest {

    @RegisterExtension
    final RunningRegistry registry = new RunningRegistry().configure(config ->
            AuthFixture.configure(config, config.storage().dataDirectory(), SecurityConfig.Mode.BASIC,
                    new SecurityConfig.Limits(3, Duration.ofMinutes(5), 0, 1 << 20, 0)));

    @RegisterExtension
    final RunningRegistry rateLimited = new RunningRegistry().configure(config ->
            AuthFixture.configure(config, config.storage().dataDirectory(), SecurityConfig.Mode.BASIC,
                    new SecurityConfig.Limits(10, Duration.ofMinutes(5), 2, 1 << 20, 0)));

    @Test
    void anUnknownUserAndAWrongPasswordGetTheSameAnswer() {
        HttpResponse<byte[]> unknown = as(registry, "nobody", "reader-password");
        HttpResponse<byte[]> wrong = as(registry, "reader", "wrong");

        assertEquals(unknown.statusCode(), wrong.statusCode());
        assertArrayEquals(unknown.body(), wrong.body());
        assertEquals(unknown.headers().firstValue("WWW-Authenticate"), wrong.headers().firstValue("WWW-Authenticate"));
        OciErrors.assertError(wrong, 401, "UNAUTHORIZED");
    }

    @Test
    void eachFailedLoginIsAnsweredMoreSlowly() {
        as(registry, "reader", "wrong-1");

        long start = System.nanoTime();
        as(registry, "reader", "wrong-2");
        long second = (System.nanoTime() - start) / 1_000_000;

        assertTrue(second >= 200, "second failure answered after " + second + " ms");
    }

    @Test
    void failedLoginsBeyondTheLimitAreRefusedWithRetryAfterEvenWithTheRightPassword() {
        for (int i = 0; i < 3; i++) {
            as(registry, "reader", "wrong-" + i);
        }

        HttpResponse<byte[]> response = as(registry, "reader", "reader-password");

        OciErrors.assertError(response, 429, "TOOMANYREQUESTS");
        long retryAfter = Long.parseLong(response.headers().firstValue("Retry-After").orElseThrow());
        assertTrue(retryAfter > 250 && retryAfter <= 300, "Retry-After " + retryAfter);
    }

    @Test
    void anUnknownUserIsLockedOutLikeAKnownOne() {
        for (int i = 0; i < 3; i++) {
            as(registry, "nobody-" + i, "wrong"); // three names, one address
        }

        OciErrors.assertError(as(registry, "writer", "writer-password"), 429, "TOOMANYREQUESTS");
    }

    @Test
    void malformedCredentialsAndOtherSchemesCountAgainstTheAddressLikeFailedLogins() {
        send(registry, "Basic " + java.util.Base64.getEncoder().encodeToString("no-colon".getBytes()));
        send(registry, "Basic %%%");
        send(registry, "Bearer some-token");

        OciErrors.assertError(as(registry, "writer", "writer-password"), 429, "TOOMANYREQUESTS");
    }

    @Test
    void requestsBeyondTheRatePerIdentityAreRefusedWithRetryAfter() {
        int refused = 0;
        HttpResponse<byte[]> last = null;
        for (int i = 0; i < 6; i++) {
            last = as(rateLimited, "reader", "reader-password");
            if (last.statusCode() == 429) {
                refused++;
            }
        }

        assertTrue(refused >= 3, refused + " of 6 refused");
        OciErrors.assertError(last, 429, "TOOMANYREQUESTS");
        assertEquals("1", last.headers().firstValue("Retry-After").orElseThrow());
    }

    @Test
    void basicModeChallengesWithBasic() {
        HttpResponse<byte[]> response = registry.get("/v2/");

        assertEquals("Basic realm=\"huruhuru\"", response.headers().firstValue("WWW-Authenticate").orElseThrow());
    }

    private static HttpResponse<byte[]> as(RunningRegistry registry, String user, String password) {
        return send(registry, AuthFixture.basic(user, password));
    }

    private static HttpResponse<byte[]> send(RunningRegistry registry, String authorization) {
        return registry.send(registry.request("/v2/team-a/app/tags/list").header("Authorization", authorization)
                .GET().build());
    }
}
