package io.huruhuru.server.auth;

import io.huruhuru.server.reload.Reloading;
import io.huruhuru.server.http.ErrorCode;
import io.huruhuru.server.http.RegistryException;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Checks user name and password against the htpasswd file: bcrypt on the {@link BcryptPool}, its success kept briefly
 * per (user, stored hash, password digest) so that the many requests of one {@code docker push} pay it once; each
 * check reserved with the {@link LoginLimiter} before it runs, failures answered after its delay, and refused with 429
 * once it locks the name or address (or the pool is full).
 */
public final class Logins {

    /** How long a checked password is taken without bcrypt again. */
    static final Duration REMEMBER = Duration.ofMinutes(1);
    private static final int MAX_REMEMBERED = 10_000;

    private final Reloading<Htpasswd> users;
    private final LoginLimiter limiter;
    private final BcryptPool bcrypt;
    private final Clock clock;
    private final Map<String, Instant> remembered = new ConcurrentHashMap<>();

    /** A login refused for too many failures (or checks under way), and how long until the next may be made. */
    public static final class LockedOut extends RuntimeException {
        private final Duration retryAfter;

        LockedOut(Duration retryAfter) {
            this(retryAfter, "too many failed logins; retry later");
        }

        LockedOut(Duration retryAfter, String reason) {
            super(reason, null, false, false);
            this.retryAfter = retryAfter;
        }

        public Duration retryAfter() {
            return retryAfter;
        }
    }

    public Logins(Reloading<Htpasswd> users, LoginLimiter limiter, BcryptPool bcrypt, Clock clock) {
        this.users = users;
        this.limiter = limiter;
        this.bcrypt = bcrypt;
        this.clock = clock;
    }

    public Htpasswd users() {
        return users.current();
    }

    /** The user of a {@code Basic} credential, or a failed future: UNAUTHORIZED, or {@link LockedOut}. */
    public Future<String> basic(Vertx vertx, String credentials, String address) {
        String decoded;
        try {
            decoded = new String(Base64.getDecoder().decode(credentials.trim()), StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            return failedWithoutCheck(vertx, limiter, address, malformed());
        }
        int colon = decoded.indexOf(':');
        if (colon < 0) {
            return failedWithoutCheck(vertx, limiter, address, malformed());
        }
        return password(vertx, decoded.substring(0, colon), decoded.substring(colon + 1), address);
    }

    private static RegistryException malformed() {
        return RegistryException.of(ErrorCode.UNAUTHORIZED, "malformed Basic credentials");
    }

    /**
     * A failed authentication that checked no password (malformed credentials, an invalid token), counted against
     * {@code address} like a failed login: {@code failure} after the limiter's delay, or {@link LockedOut}.
     */
    static <T> Future<T> failedWithoutCheck(Vertx vertx, LoginLimiter limiter, String address, Throwable failure) {
        Optional<Duration> locked = limiter.addressRefusedFor(address);
        if (locked.isPresent()) {
            return Future.failedFuture(new LockedOut(locked.get()));
        }
        Duration delay = limiter.failedFrom(address);
        Promise<T> answer = Promise.promise();
        vertx.setTimer(Math.max(1, delay.toMillis()), id -> answer.fail(failure));
        return answer.future();
    }

    /** {@code user} if {@code password} is theirs; else as {@link #basic}. */
    public Future<String> password(Vertx vertx, String user, String password, String address) {
        Optional<Duration> locked = limiter.refusedFor(user, address);
        if (locked.isPresent()) {
            return Future.failedFuture(new LockedOut(locked.get()));
        }
        Htpasswd htpasswd = users.current();
        String key = key(user, htpasswd.hash(user).orElse(""), password);
        Instant until = remembered.get(key);
        if (until != null && until.isAfter(clock.instant())) {
            return Future.succeededFuture(user);
        }
        LoginLimiter.Attempt attempt;
        try {
            attempt = limiter.reserve(user, address);
        } catch (LockedOut refused) {
            return Future.failedFuture(refused);
        }
        return bcrypt.run(vertx, () -> htpasswd.check(user, password)).recover(failure -> {
            attempt.released();
            return Future.failedFuture(failure instanceof BcryptPool.Busy
                    ? new LockedOut(LoginLimiter.PENDING_RETRY, "too many logins being checked; retry later")
                    : failure);
        }).compose(ok -> {
            if (ok) {
                attempt.succeeded();
                if (remembered.size() >= MAX_REMEMBERED) {
                    remembered.clear();
                }
                remembered.put(key, clock.instant().plus(REMEMBER));
                return Future.succeededFuture(user);
            }
            Duration delay = attempt.failed();
            Promise<String> answer = Promise.promise();
            // the same answer after the same delay for an unknown user and a wrong password
            vertx.setTimer(Math.max(1, delay.toMillis()), id -> answer.fail(
                    RegistryException.of(ErrorCode.UNAUTHORIZED, "invalid user name or password")));
            return answer.future();
        });
    }

    /**
     * The user of a refresh token for {@code user} bound to {@code credential}, if the user's htpasswd entry is still
     * the one it was issued for; refused like a login while the user or address is locked out, and counted against
     * the address when it is not.
     */
    public Future<String> refreshed(Vertx vertx, String user, String credential, String address) {
        Optional<Duration> locked = limiter.refusedFor(user, address);
        if (locked.isPresent()) {
            return Future.failedFuture(new LockedOut(locked.get()));
        }
        Optional<String> current = users.current().hash(user).map(Logins::bindingOf);
        if (current.isEmpty() || !MessageDigest.isEqual(current.get().getBytes(StandardCharsets.UTF_8),
                credential.getBytes(StandardCharsets.UTF_8))) {
            return refused(vertx, address, "invalid refresh token: the user or their password changed since it was"
                    + " issued");
        }
        return Future.succeededFuture(user);
    }

    /** The credential a refresh token for {@code user} is bound to now (empty if the user is not known). */
    public Optional<String> credential(String user) {
        return users.current().hash(user).map(Logins::bindingOf);
    }

    /** UNAUTHORIZED for {@code reason}, counted against {@code address} like a failed login. */
    public <T> Future<T> refused(Vertx vertx, String address, String reason) {
        return failedWithoutCheck(vertx, limiter, address, RegistryException.of(ErrorCode.UNAUTHORIZED, reason));
    }

    /** A short digest of a stored hash: tells whether it changed, and nothing about the hash itself. */
    private static String bindingOf(String storedHash) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(("huruhuru refresh\0" + storedHash)
                    .getBytes(StandardCharsets.UTF_8));
            return Base64.getUrlEncoder().withoutPadding().encodeToString(java.util.Arrays.copyOf(digest, 12));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The stored hash is part of the key, so a changed password (a reloaded file) is checked anew. */
    private static String key(String user, String storedHash, String password) {
        try {
            MessageDigest sha = MessageDigest.getInstance("SHA-256");
            sha.update(user.getBytes(StandardCharsets.UTF_8));
            sha.update((byte) 0);
            sha.update(storedHash.getBytes(StandardCharsets.UTF_8));
            sha.update((byte) 0);
            return Base64.getEncoder().encodeToString(sha.digest(password.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
