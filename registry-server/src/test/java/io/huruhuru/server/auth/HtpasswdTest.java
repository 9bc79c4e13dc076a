package io.huruhuru.server.auth;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

class HtpasswdTest {

    @ParameterizedTest
    @ValueSource(strings = {
        "alice:$apr1$r31.....$HqJZimcKQFAMYayBlzkrA/", // MD5-crypt, htpasswd's default
        "alice:{SHA}W6ph5Mm5Pz8GgiULbPgzG37mj9g=", // htpasswd -s
        "alice:rqXBlmrmIdPVQ", // crypt(3)
        "alice:password", // plain text
        "alice:$2y$10$tooshort"})
    void aHashOtherThanBcryptStopsTheLoadNamingTheLineAndTheFix(String line) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> Htpasswd.parse(List.of("# users", line), "users.htpasswd"));

        assertTrue(e.getMessage().contains("line 2") && e.getMessage().contains("not bcrypt")
                && e.getMessage().contains("htpasswd -B"), e.getMessage());
    }

    @Test
    void theDecoyTakesTheMostCommonCostAndTheUsersOfAnotherCostAreNamed() {
        List<String> lines = List.of(line("alice", 5), line("bob", 5), line("carol", 5), line("dave", 4));

        Htpasswd users = Htpasswd.parse(lines, "mixed");

        assertEquals(5, users.decoyCost());
        assertEquals(List.of("dave"), users.usersOfAnotherCost());
    }

    @Test
    void aFileOfOneCostNamesNoUser() {
        Htpasswd users = Htpasswd.parse(List.of(line("alice", 4), line("bob", 4)), "even");

        assertEquals(4, users.decoyCost());
        assertEquals(List.of(), users.usersOfAnotherCost());
    }

    private static String line(String user, int cost) {
        return user + ":" + org.bouncycastle.crypto.generators.OpenBSDBCrypt.generate("2y",
                AuthFixture.password(user).toCharArray(), new byte[16], cost);
    }

    @Test
    void theRightPasswordChecksAndAWrongOneDoesNot() {
        Htpasswd users = Htpasswd.parse(AuthFixture.htpasswd("alice").lines().toList(), "test");

        assertTrue(users.check("alice", "alice-password"));
        assertFalse(users.check("alice", "alice-passwore"));
    }

    @Test
    void anUnknownUserIsCheckedAgainstADecoyAndFails() {
        Htpasswd users = Htpasswd.parse(AuthFixture.htpasswd("alice").lines().toList(), "test");

        assertFalse(users.check("mallory", "alice-password"));
    }

    @Test
    void aPasswordTooLongForBcryptIsAWrongPasswordNotAnError() {
        Htpasswd users = Htpasswd.parse(AuthFixture.htpasswd("alice").lines().toList(), "test");

        assertFalse(users.check("alice", "x".repeat(10_000)));
    }

    @Test
    void aUserTwiceIsRefused() {
        String line = AuthFixture.htpasswd("alice").strip();

        assertThrows(IllegalArgumentException.class, () -> Htpasswd.parse(List.of(line, line), "test"));
    }

    @Test
    void anUnknownUserTakesAsLongAsAWrongPassword() {
        // cost 8: long enough (~15 ms) that bcrypt, not noise, dominates each check
        String hashes = new String(org.bouncycastle.crypto.generators.OpenBSDBCrypt.generate("2y",
                "secret".toCharArray(), new byte[16], 8));
        Htpasswd users = Htpasswd.parse(List.of("alice:" + hashes), "test");
        users.check("alice", "warm-up");
        users.check("nobody", "warm-up");

        // the CPU time of this thread, not the wall clock, so that other processes on a loaded machine do not count;
        // interleaved, and the fastest of each is the cost of bcrypt itself
        long wrongPassword = Long.MAX_VALUE;
        long unknownUser = Long.MAX_VALUE;
        for (int i = 0; i < 21; i++) {
            wrongPassword = Math.min(wrongPassword, time(() -> users.check("alice", "guess")));
            unknownUser = Math.min(unknownUser, time(() -> users.check("nobody", "guess")));
        }

        double ratio = (double) unknownUser / wrongPassword;
        assertTrue(ratio > 0.5 && ratio < 2, "unknown user " + unknownUser + " ns, wrong password "
                + wrongPassword + " ns");
    }

    private static long time(Runnable check) {
        ThreadMXBean threads = ManagementFactory.getThreadMXBean();
        long start = threads.getCurrentThreadCpuTime();
        check.run();
        return threads.getCurrentThreadCpuTime() - start;
    }
}
