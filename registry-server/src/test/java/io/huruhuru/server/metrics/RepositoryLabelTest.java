package io.huruhuru.server.metrics;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.Optional;
import org.junit.jupiter.api.Test;

/** The opt-in repository label: the first N repositories that moved images get their name, the rest {@code other}. */
class RepositoryLabelTest {

    @Test
    void theFirstTopRepositoriesAreNamedAndEveryLaterOneIsOther() {
        RepositoryLabel label = new RepositoryLabel(2);

        assertEquals("a", label.of("/v2/a/blobs/uploads/1234", true));
        assertEquals("team/b", label.of("/v2/team/b/manifests/v1", true));
        assertEquals("other", label.of("/v2/c/manifests/v1", true));
        assertEquals("a", label.of("/v2/a/blobs/sha256:" + "0".repeat(64), true), "a name keeps its meaning");
        assertEquals("other", label.of("/v2/d/blobs/sha256:" + "0".repeat(64), true));
    }

    @Test
    void aFailedRequestTakesNoPlaceButAnAlreadyNamedRepositoryKeepsItsName() {
        RepositoryLabel label = new RepositoryLabel(1);

        assertEquals("other", label.of("/v2/probe/manifests/v1", false));
        assertEquals("real", label.of("/v2/real/manifests/v1", true));
        assertEquals("real", label.of("/v2/real/manifests/missing", false));
    }

    @Test
    void thousandsOfRepositoriesNeverMakeMoreThanTopPlusOneValues() {
        RepositoryLabel label = new RepositoryLabel(3);
        java.util.Set<String> values = new java.util.HashSet<>();

        for (int i = 0; i < 5000; i++) {
            values.add(label.of("/v2/repo" + i + "/blobs/uploads/", true));
        }

        assertEquals(java.util.Set.of("repo0", "repo1", "repo2", "other"), values);
    }

    @Test
    void aPathWithoutAValidRepositoryIsOtherAndTakesNoPlace() {
        RepositoryLabel label = new RepositoryLabel(1);

        assertEquals("other", label.of("/v2/UPPER/manifests/v1", true));
        assertEquals("other", label.of("/v2//manifests/v1", true));
        assertEquals("other", label.of("/v2/a%2Fb/manifests/v1", true));
        assertEquals("other", label.of("/sel4/v1/gc", true));
        assertEquals(Optional.empty(), RepositoryLabel.repository("/v2/"));
        assertEquals("x", label.of("/v2/x/manifests/v1", true), "the one place is still free");
    }

    @Test
    void zeroTurnsTheLabelOffAndANegativeTopIsRefused() {
        assertFalse(new RepositoryLabel(0).enabled());
        assertThrows(IllegalArgumentException.class, () -> new RepositoryLabel(-1));
    }
}
