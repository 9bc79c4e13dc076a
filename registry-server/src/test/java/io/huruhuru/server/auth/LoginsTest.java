package io.huruhuru.server.auth;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.huruhuru.server.http.RegistryException;
import io.huruhuru.server.reload.Reloading;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** bcrypt is paid once per user, password and stored hash, and never on the calling thread. */
class LoginsTest {

    @TempDir
    Path dir;

    private final Vertx vertx = Vertx.vertx();
    private final BcryptPool bcrypt = new BcryptPool(BcryptPool.THREADS, BcryptPool.QUEUE);

    @AfterEach
    void close() throws Exception {
        bcrypt.close();
        vertx.close().await(10, TimeUnit.SECONDS);
    }

    @Test
    void aCheckedPasswordIsTakenAgainWithoutBcrypt() throws Exception {
        Logins logins = logins(Files.writeString(dir.resolve("htpasswd"), AuthFixture.htpasswd("alice")));
        Future<String> first = logins.password(vertx, "alice", "alice-password", "10.0.0.1");
        assertFalse(first.isComplete(), "the first check runs on a worker");
        assertEquals("alice", first.await(10, TimeUnit.SECONDS));

        Future<String> second = logins.password(vertx, "alice", "alice-password", "10.0.0.1");

        assertTrue(second.succeeded(), "the second check is answered at once");
    }

    @Test
    void aWrongPasswordIsNeverTakenFromTheRememberedOne() throws Exception {
        Logins logins = logins(Files.writeString(dir.resolve("htpasswd"), AuthFixture.htpasswd("alice")));
        logins.password(vertx, "alice", "alice-password", "10.0.0.1").await(10, TimeUnit.SECONDS);

        Future<String> wrong = logins.password(vertx, "alice", "alice-passwore", "10.0.0.1");

        assertTrue(failsWith(wrong, RegistryException.class));
    }

    @Test
    void aChangedPasswordIsCheckedAnewAfterTheFileIsReloaded() throws Exception {
        Path file = Files.writeString(dir.resolve("htpasswd"), AuthFixture.htpasswd("alice"));
        Reloading<Htpasswd> users = Reloading.load("htpasswd", List.of(file), () -> Htpasswd.load(file), u -> { });
        Logins logins = new Logins(users, new LoginLimiter(10, Duration.ofMinutes(5), Clock.systemUTC()), bcrypt,
                Clock.systemUTC());
        logins.password(vertx, "alice", "alice-password", "10.0.0.1").await(10, TimeUnit.SECONDS);

        // replaced as an editor or a deployment does, by renaming a new file over it (a new inode: seen as changed
        // even within the file system's time resolution)
        Path replacement = Files.writeString(dir.resolve("htpasswd.new"), "alice:"
                + org.bouncycastle.crypto.generators.OpenBSDBCrypt.generate("2y", "new-password".toCharArray(),
                        new byte[16], 4) + "\n");
        Files.move(replacement, file, java.nio.file.StandardCopyOption.REPLACE_EXISTING,
                java.nio.file.StandardCopyOption.ATOMIC_MOVE);
        assertTrue(users.check());

        assertTrue(failsWith(logins.password(vertx, "alice", "alice-password", "10.0.0.1"), RegistryException.class));
    }

    @Test
    void parallelWrongPasswordsAreCheckedNoMoreOftenThanTheLimitAllows() throws Exception {
        Path file = Files.writeString(dir.resolve("htpasswd"), AuthFixture.htpasswd("alice"));
        Logins logins = new Logins(Reloading.fixed(Htpasswd.load(file)),
                new LoginLimiter(3, Duration.ofMinutes(5), Clock.systemUTC()), bcrypt, Clock.systemUTC());
        List<Future<String>> attempts = new java.util.ArrayList<>();

        for (int i = 0; i < 40; i++) {
            attempts.add(logins.password(vertx, "alice", "wrong-" + i, "10.0.0.1"));
        }

        int checked = 0;
        int refused = 0;
        for (Future<String> attempt : attempts) {
            if (failsWith(attempt, RegistryException.class)) {
                checked++; // a 401: its password went through bcrypt
            } else if (failsWith(attempt, Logins.LockedOut.class)) {
                refused++;
            }
        }
        assertEquals(3, checked, "wrong passwords checked");
        assertEquals(37, refused, "attempts refused before any check");
    }

    @Test
    void aFullBcryptPoolRefusesTheLoginWithRetryAfterAndCountsNoFailure() throws Exception {
        Path file = Files.writeString(dir.resolve("htpasswd"), AuthFixture.htpasswd("alice"));
        try (BcryptPool small = new BcryptPool(1, 1)) {
            Logins logins = new Logins(Reloading.fixed(Htpasswd.load(file)),
                    new LoginLimiter(1, Duration.ofMinutes(5), Clock.systemUTC()), small, Clock.systemUTC());
            java.util.concurrent.CountDownLatch release = new java.util.concurrent.CountDownLatch(1);
            Future<Boolean> running = small.run(vertx, () -> release.await(10, TimeUnit.SECONDS));
            Future<Boolean> queued = small.run(vertx, () -> true);

            Future<String> refused = logins.password(vertx, "alice", "alice-password", "10.0.0.1");

            assertTrue(failsWith(refused, Logins.LockedOut.class), "refused while the pool is full");
            assertEquals(LoginLimiter.PENDING_RETRY, lockedOut(refused).retryAfter());
            release.countDown();
            running.await(10, TimeUnit.SECONDS);
            queued.await(10, TimeUnit.SECONDS);
            assertEquals("alice", logins.password(vertx, "alice", "alice-password", "10.0.0.1")
                    .await(10, TimeUnit.SECONDS), "the refused attempt was released, not counted");
        }
    }

    private static Logins.LockedOut lockedOut(Future<?> future) {
        try {
            future.await(10, TimeUnit.SECONDS);
        } catch (Exception e) {
            return (Logins.LockedOut) (e instanceof Logins.LockedOut ? e : e.getCause());
        }
        throw new AssertionError("not refused");
    }

    private Logins logins(Path file) {
        return new Logins(Reloading.fixed(Htpasswd.load(file)),
                new LoginLimiter(10, Duration.ofMinutes(5), Clock.systemUTC()), bcrypt, Clock.systemUTC());
    }

    private static boolean failsWith(Future<?> future, Class<? extends Throwable> type) {
        try {
            future.await(10, TimeUnit.SECONDS);
            return false;
        } catch (Exception e) {
            return type.isInstance(e) || type.isInstance(e.getCause());
        }
    }
}
