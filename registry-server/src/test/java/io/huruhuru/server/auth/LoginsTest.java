package io.huruhuru.server.auth;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.huruhuru.server.blocking.Blocking;
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
    private final Blocking blocking = new Blocking(vertx);

    @AfterEach
    void close() throws Exception {
        blocking.close();
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
        Logins logins = new Logins(users, new LoginLimiter(10, Duration.ofMinutes(5), Clock.systemUTC()), blocking,
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

    private Logins logins(Path file) {
        return new Logins(Reloading.fixed(Htpasswd.load(file)),
                new LoginLimiter(10, Duration.ofMinutes(5), Clock.systemUTC()), blocking, Clock.systemUTC());
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
