package io.huruhuru.server.auth;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Clock;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/** The limiter stays bounded whatever names it is sent, and a long name is still counted. */
class LoginLimiterTest {

    @Test
    void theLeastRecentlyUsedEntriesGoOnceTheBoundIsReached() {
        LoginLimiter limiter = new LoginLimiter(1, Duration.ofMinutes(5), Clock.systemUTC(), 4);

        for (int i = 0; i < 10; i++) {
            limiter.reserve("user-" + i, "10.0.0." + i).failed();
        }

        assertEquals(4, limiter.entries());
        assertTrue(limiter.refusedFor("user-9", "10.0.0.9").isPresent(), "the last ones are still counted");
        assertTrue(limiter.refusedFor("user-0", "10.0.0.0").isEmpty(), "the first ones went");
    }

    @Test
    void aVeryLongUserNameIsCountedByItsDigest() {
        LoginLimiter limiter = new LoginLimiter(2, Duration.ofMinutes(5), Clock.systemUTC());
        String longName = "x".repeat(1 << 20);

        limiter.reserve(longName, "10.0.0.1").failed();
        limiter.reserve(longName, "10.0.0.2").failed();

        assertThrows(Logins.LockedOut.class, () -> limiter.reserve(longName, "10.0.0.3"));
    }
}
