package io.huruhuru.server.auth;

import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** A full limiter forgets the identity seen longest ago, not everybody's spent requests. */
class RateLimiterTest {

    @Test
    void whenFullOnlyTheLeastRecentlySeenIdentityIsForgotten() {
        long[] now = {0};
        RateLimiter limiter = new RateLimiter(1, () -> now[0], 2);
        limiter.take("a");
        limiter.take("b");
        assertTrue(limiter.take("a").isPresent(), "a has spent its second");

        limiter.take("c"); // a third identity: b, seen longest ago, is forgotten

        assertTrue(limiter.take("a").isPresent(), "a is still limited");
        assertTrue(limiter.take("b").isEmpty(), "b starts afresh");
    }
}
