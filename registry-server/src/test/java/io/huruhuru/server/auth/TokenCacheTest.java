package io.huruhuru.server.auth;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

/** The verified-token cache stays within its count and its bytes, and lets expired tokens go. */
class TokenCacheTest {

    private static final Instant NOW = Instant.parse("2026-01-01T00:00:00Z");

    @Test
    void theOldestTokensLeaveOnceTheTotalLengthPassesTheBound() {
        TokenCache cache = new TokenCache(100, 1000);

        for (int i = 0; i < 4; i++) {
            cache.put(token(i, 300), verified(NOW.plusSeconds(300)), NOW);
        }

        assertEquals(3, cache.size());
        assertEquals(900, cache.bytes());
        assertTrue(cache.get(token(0, 300), NOW).isEmpty(), "the oldest left");
        assertTrue(cache.get(token(3, 300), NOW).isPresent());
    }

    @Test
    void theOldestTokensLeaveOnceTheCountPassesTheBound() {
        TokenCache cache = new TokenCache(2, 1 << 20);

        for (int i = 0; i < 3; i++) {
            cache.put(token(i, 10), verified(NOW.plusSeconds(300)), NOW);
        }

        assertEquals(2, cache.size());
        assertTrue(cache.get(token(0, 10), NOW).isEmpty());
    }

    @Test
    void anExpiredTokenLeavesWhenItIsAskedFor() {
        TokenCache cache = new TokenCache(100, 1 << 20);
        cache.put(token(0, 10), verified(NOW.plusSeconds(300)), NOW);

        Instant later = NOW.plusSeconds(300).plus(TokenVerifier.LEEWAY).plusSeconds(1);

        assertTrue(cache.get(token(0, 10), later).isEmpty());
        assertEquals(0, cache.size());
        assertEquals(0, cache.bytes());
    }

    @Test
    void expiredTokensLeaveWhenANewOneIsKept() {
        TokenCache cache = new TokenCache(100, 1 << 20);
        for (int i = 0; i < 5; i++) {
            cache.put(token(i, 10), verified(NOW.plusSeconds(300)), NOW);
        }

        cache.put(token(9, 10), verified(NOW.plus(Duration.ofHours(2))), NOW.plus(Duration.ofHours(1)));

        assertEquals(1, cache.size());
        assertEquals(10, cache.bytes());
    }

    @Test
    void aTokenLongerThanTheWholeBoundIsNotKept() {
        TokenCache cache = new TokenCache(100, 100);

        cache.put(token(0, 101), verified(NOW.plusSeconds(300)), NOW);

        assertEquals(0, cache.size());
    }

    private static String token(int index, int length) {
        String prefix = "t" + index + ".";
        return prefix + "x".repeat(length - prefix.length());
    }

    private static VerifiedToken verified(Instant expires) {
        return new VerifiedToken("huruhuru", "alice", NOW, expires, TokenAccess.NONE, "");
    }
}
