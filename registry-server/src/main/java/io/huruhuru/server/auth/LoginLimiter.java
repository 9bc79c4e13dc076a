package io.huruhuru.server.auth;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Counts failed logins per user name and per client address: each failure is answered more slowly, and after
 * {@code failedLogins} of them within the lockout period the name or address is refused (429) until the period has
 * passed. Unknown and known user names are counted alike, so the limiter tells nothing about who exists.
 */
public final class LoginLimiter {

    /** Entries kept at most; beyond it, entries whose lockout has passed are dropped. */
    private static final int MAX_ENTRIES = 100_000;
    private static final long SLOWDOWN_STEP_MILLIS = 100;
    private static final long SLOWDOWN_MAX_MILLIS = 2_000;

    private final int failedLogins;
    private final Duration lockout;
    private final Clock clock;
    private final Map<String, Failures> failures = new ConcurrentHashMap<>();

    private static final class Failures {
        int count;
        Instant last = Instant.EPOCH;
        Instant lockedUntil = Instant.EPOCH;
    }

    public LoginLimiter(int failedLogins, Duration lockout, Clock clock) {
        this.failedLogins = failedLogins;
        this.lockout = lockout;
        this.clock = clock;
    }

    /** How long {@code user} or {@code address} stays refused, if either is. */
    public Optional<Duration> refusedFor(String user, String address) {
        Instant now = clock.instant();
        Duration longest = Duration.ZERO;
        for (String key : new String[] {userKey(user), addressKey(address)}) {
            Failures entry = failures.get(key);
            if (entry != null) {
                synchronized (entry) {
                    if (entry.lockedUntil.isAfter(now)) {
                        Duration left = Duration.between(now, entry.lockedUntil);
                        longest = left.compareTo(longest) > 0 ? left : longest;
                    }
                }
            }
        }
        return longest.isZero() ? Optional.empty() : Optional.of(longest);
    }

    /** Counts a failure; returns how long to wait before answering it. */
    public Duration failed(String user, String address) {
        Instant now = clock.instant();
        if (failures.size() >= MAX_ENTRIES) {
            failures.values().removeIf(entry -> !entry.lockedUntil.isAfter(now) && entry.last.plus(lockout).isBefore(now));
        }
        int most = 0;
        for (String key : new String[] {userKey(user), addressKey(address)}) {
            Failures entry = failures.computeIfAbsent(key, k -> new Failures());
            synchronized (entry) {
                if (entry.last.plus(lockout).isBefore(now)) {
                    entry.count = 0; // the earlier failures are older than a lockout: start afresh
                }
                entry.count++;
                entry.last = now;
                if (entry.count >= failedLogins) {
                    entry.lockedUntil = now.plus(lockout);
                }
                most = Math.max(most, entry.count);
            }
        }
        return Duration.ofMillis(Math.min(SLOWDOWN_MAX_MILLIS, SLOWDOWN_STEP_MILLIS * most));
    }

    /** A successful login forgets the user's failures (not the address's: one good password opens no lockout). */
    public void succeeded(String user) {
        failures.remove(userKey(user));
    }

    private static String userKey(String user) {
        return "user\0" + user;
    }

    private static String addressKey(String address) {
        return "address\0" + address;
    }
}
