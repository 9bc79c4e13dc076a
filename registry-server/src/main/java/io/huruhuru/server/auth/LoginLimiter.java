package io.huruhuru.server.auth;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * Counts failed logins per user name and per client address: each failure is answered more slowly, and after
 * {@code failedLogins} of them within the lockout period the name or address is refused (429) until the period has
 * passed. An attempt is reserved before its password is checked and counts as pending until then, so that parallel
 * attempts cannot pass the limit while their checks run. Unknown and known user names are counted alike, so the
 * limiter tells nothing about who exists.
 */
public final class LoginLimiter {

    /** Entries kept at most; beyond it the least recently used one is dropped, in constant time. */
    static final int MAX_ENTRIES = 100_000;
    /** Longer user names are counted by their digest, so that an entry stays small whatever the name. */
    static final int MAX_NAME_LENGTH = 256;
    /** The wait asked of an attempt refused only because others are still being checked. */
    static final Duration PENDING_RETRY = Duration.ofSeconds(1);
    private static final long SLOWDOWN_STEP_MILLIS = 100;
    private static final long SLOWDOWN_MAX_MILLIS = 2_000;

    private final int failedLogins;
    private final Duration lockout;
    private final Clock clock;
    private final int maxEntries;
    /** Guarded by itself; every operation on it is a few field updates. */
    private final LinkedHashMap<String, Failures> failures = new LinkedHashMap<>(16, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, Failures> eldest) {
            return size() > maxEntries;
        }
    };

    private static final class Failures {
        int count;
        int pending;
        Instant last = Instant.EPOCH;
        Instant lockedUntil = Instant.EPOCH;
    }

    /** A reserved login attempt; exactly one of its methods is called once its check ends. */
    public final class Attempt {
        private final Failures user;
        private final Failures address;
        private boolean settled;

        private Attempt(Failures user, Failures address) {
            this.user = user;
            this.address = address;
        }

        /** Counts the failure; returns how long to wait before answering it. */
        public Duration failed() {
            Instant now = clock.instant();
            int most = 0;
            synchronized (failures) {
                if (!settle()) {
                    return Duration.ZERO;
                }
                for (Failures entry : new Failures[] {user, address}) {
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
        public void succeeded() {
            synchronized (failures) {
                if (settle()) {
                    user.count = 0;
                    user.lockedUntil = Instant.EPOCH;
                }
            }
        }

        /** The check did not run (the bcrypt pool was full): the attempt counts neither way. */
        public void released() {
            synchronized (failures) {
                settle();
            }
        }

        private boolean settle() {
            if (settled) {
                return false;
            }
            settled = true;
            user.pending--;
            address.pending--;
            return true;
        }
    }

    public LoginLimiter(int failedLogins, Duration lockout, Clock clock) {
        this(failedLogins, lockout, clock, MAX_ENTRIES);
    }

    LoginLimiter(int failedLogins, Duration lockout, Clock clock, int maxEntries) {
        this.failedLogins = failedLogins;
        this.lockout = lockout;
        this.clock = clock;
        this.maxEntries = maxEntries;
    }

    /** How many names and addresses are counted now. */
    int entries() {
        synchronized (failures) {
            return failures.size();
        }
    }

    /** How long {@code user} or {@code address} stays locked out, if either is. */
    public Optional<Duration> refusedFor(String user, String address) {
        Instant now = clock.instant();
        Duration longest = Duration.ZERO;
        synchronized (failures) {
            for (String key : new String[] {userKey(user), addressKey(address)}) {
                Failures entry = failures.get(key);
                if (entry != null && entry.lockedUntil.isAfter(now)) {
                    Duration left = Duration.between(now, entry.lockedUntil);
                    longest = left.compareTo(longest) > 0 ? left : longest;
                }
            }
        }
        return longest.isZero() ? Optional.empty() : Optional.of(longest);
    }

    /** How long {@code address} stays locked out, if it is. */
    public Optional<Duration> addressRefusedFor(String address) {
        Instant now = clock.instant();
        synchronized (failures) {
            Failures entry = failures.get(addressKey(address));
            return entry == null || !entry.lockedUntil.isAfter(now) ? Optional.empty()
                    : Optional.of(Duration.between(now, entry.lockedUntil));
        }
    }

    /**
     * Counts a failed authentication that checked no password (malformed credentials, an invalid token) against
     * {@code address}; returns how long to wait before answering it.
     */
    public Duration failedFrom(String address) {
        Instant now = clock.instant();
        synchronized (failures) {
            Failures entry = failures.computeIfAbsent(addressKey(address), k -> new Failures());
            if (entry.last.plus(lockout).isBefore(now)) {
                entry.count = 0;
            }
            entry.count++;
            entry.last = now;
            if (entry.count >= failedLogins) {
                entry.lockedUntil = now.plus(lockout);
            }
            return Duration.ofMillis(Math.min(SLOWDOWN_MAX_MILLIS, SLOWDOWN_STEP_MILLIS * entry.count));
        }
    }

    /**
     * Reserves an attempt for {@code user} from {@code address}: refused, with how long to wait, when either is locked
     * out or its failures and pending attempts together have reached the limit.
     */
    public Attempt reserve(String user, String address) throws Logins.LockedOut {
        Instant now = clock.instant();
        synchronized (failures) {
            Failures byUser = failures.computeIfAbsent(userKey(user), k -> new Failures());
            Failures byAddress = failures.computeIfAbsent(addressKey(address), k -> new Failures());
            Duration wait = Duration.ZERO;
            for (Failures entry : new Failures[] {byUser, byAddress}) {
                if (entry.lockedUntil.isAfter(now)) {
                    Duration left = Duration.between(now, entry.lockedUntil);
                    wait = left.compareTo(wait) > 0 ? left : wait;
                } else if (recentFailures(entry, now) + entry.pending >= failedLogins) {
                    wait = PENDING_RETRY.compareTo(wait) > 0 ? PENDING_RETRY : wait;
                }
            }
            if (!wait.isZero()) {
                throw new Logins.LockedOut(wait);
            }
            byUser.pending++;
            byAddress.pending++;
            return new Attempt(byUser, byAddress);
        }
    }

    private int recentFailures(Failures entry, Instant now) {
        return entry.last.plus(lockout).isBefore(now) ? 0 : entry.count;
    }

    private static String userKey(String user) {
        return "user\0" + (user.length() <= MAX_NAME_LENGTH ? user : digest(user));
    }

    private static String addressKey(String address) {
        return "address\0" + address;
    }

    private static String digest(String name) {
        try {
            return "sha256:" + HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
                    .digest(name.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
