package io.huruhuru.server.auth;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.function.LongSupplier;

/**
 * Requests per second per identity (a user, or the client address of an anonymous caller) as a token bucket that
 * holds one second's worth of requests, so a short burst passes and a sustained excess is refused (429).
 */
public final class RateLimiter {

    /** Identities kept at most; beyond it the least recently seen one is dropped, not everybody's bucket. */
    static final int MAX_ENTRIES = 100_000;

    private final double perSecond;
    private final double burst;
    private final LongSupplier nanoTime;
    private final int maxEntries;
    /** Guarded by itself; each use is a few arithmetic operations. */
    private final LinkedHashMap<String, Bucket> buckets = new LinkedHashMap<>(16, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, Bucket> eldest) {
            return size() > maxEntries;
        }
    };

    private static final class Bucket {
        double tokens;
        long refilled;
    }

    public RateLimiter(double perSecond, LongSupplier nanoTime) {
        this(perSecond, nanoTime, MAX_ENTRIES);
    }

    RateLimiter(double perSecond, LongSupplier nanoTime, int maxEntries) {
        this.perSecond = perSecond;
        this.burst = Math.max(1, perSecond);
        this.nanoTime = nanoTime;
        this.maxEntries = maxEntries;
    }

    /** Takes one request from {@code identity}'s bucket; empty if it may go on, else how long until it may. */
    public Optional<Duration> take(String identity) {
        if (perSecond == 0) {
            return Optional.empty();
        }
        long now = nanoTime.getAsLong();
        synchronized (buckets) {
            Bucket bucket = buckets.computeIfAbsent(identity, k -> {
                Bucket fresh = new Bucket();
                fresh.tokens = burst;
                fresh.refilled = now;
                return fresh;
            });
            bucket.tokens = Math.min(burst, bucket.tokens + (now - bucket.refilled) / 1e9 * perSecond);
            bucket.refilled = now;
            if (bucket.tokens >= 1) {
                bucket.tokens -= 1;
                return Optional.empty();
            }
            return Optional.of(Duration.ofNanos((long) Math.ceil((1 - bucket.tokens) / perSecond * 1e9)));
        }
    }
}
