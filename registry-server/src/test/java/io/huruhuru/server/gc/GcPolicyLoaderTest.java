package io.huruhuru.server.gc;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.huruhuru.oci.RepositoryName;
import io.huruhuru.storage.gc.RetentionRule;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.OptionalLong;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The retention and quota file: every key, first match wins, and refusals that name their place. */
class GcPolicyLoaderTest {

    @TempDir
    Path dir;

    private GcPolicy load(String yaml) throws IOException {
        return GcPolicyLoader.load(Files.writeString(dir.resolve("gc.yaml"), yaml));
    }

    private IllegalArgumentException refused(String yaml) {
        return assertThrows(IllegalArgumentException.class, () -> load(yaml));
    }

    @Test
    void everyKeyOfARuleIsRead() throws IOException {
        GcPolicy policy = load("""
                rules:
                  - name: ci
                    repositories: "ci/**"
                    keepTags: ["v[0-9].*", latest]
                    keepLast: 5
                    keepPushedOrPulledWithin: 7d
                    deleteUntaggedAfter: 12h
                    referrersFollowSubject: false
                    quota: 10GiB
                """);

        GcRule rule = policy.rules().get(0);
        assertEquals("ci", rule.name());
        assertEquals(java.util.List.of("v[0-9].*", "latest"), rule.keepTags().stream().map(p -> p.pattern()).toList());
        assertEquals(OptionalInt.of(5), rule.keepLast());
        assertEquals(Optional.of(Duration.ofDays(7)), rule.keepPushedOrPulledWithin());
        assertEquals(Optional.of(Duration.ofHours(12)), rule.deleteUntaggedAfter());
        assertFalse(rule.referrersFollowSubject());
        assertEquals(OptionalLong.of(10L << 30), rule.quota());
    }

    @Test
    void theFirstRuleThatCoversARepositoryGivesItsQuota() throws IOException {
        GcPolicy policy = load("""
                rules:
                  - repositories: "ci/special"
                  - repositories: "ci/**"
                    quota: 1MiB
                """);

        assertEquals(OptionalLong.empty(), policy.quotas().limitOf(RepositoryName.parse("ci/special")));
        assertEquals(OptionalLong.of(1 << 20), policy.quotas().limitOf(RepositoryName.parse("ci/other/x")));
        assertEquals(OptionalLong.empty(), policy.quotas().limitOf(RepositoryName.parse("prod/x")));
    }

    @Test
    void aRuleThatSaysNothingAboutTagsKeepsEveryTag() throws IOException {
        RetentionRule rule = load("rules:\n  - repositories: \"**\"\n    quota: 1GiB\n").retention().get(0);

        assertTrue(rule.keepTags().stream().anyMatch(p -> p.matcher("any-tag_1.0").matches()));
        assertEquals(Optional.empty(), rule.deleteUntaggedAfter());
    }

    @Test
    void retentionRulesKeepTheFileOrderAndTheirGlobs() throws IOException {
        GcPolicy policy = load("""
                rules:
                  - repositories: "a/*"
                    keepLast: 1
                  - repositories: "**"
                    keepLast: 2
                """);

        RetentionRule first = policy.retention().get(0);
        assertTrue(first.repositories().test(RepositoryName.parse("a/b")));
        assertFalse(first.repositories().test(RepositoryName.parse("a/b/c")));
        assertEquals(OptionalInt.of(2), policy.retention().get(1).keepLast());
    }

    @Test
    void anUnknownKeyIsRefusedWithItsPlace() {
        IllegalArgumentException e = refused("rules:\n  - repositories: \"**\"\n    kepLast: 3\n");

        assertTrue(e.getMessage().contains("rules[0].kepLast"), e.getMessage());
    }

    @Test
    void anUnknownTopLevelKeyIsRefused() {
        assertTrue(refused("rule: []\n").getMessage().contains("unknown keys [rule]"));
    }

    @Test
    void aRuleWithoutRepositoriesIsRefused() {
        assertTrue(refused("rules:\n  - keepLast: 3\n").getMessage().contains("rules[0].repositories"));
    }

    @Test
    void aQuotaThatIsNotASizeIsRefusedWithItsPlace() {
        assertTrue(refused("rules:\n  - repositories: \"**\"\n    quota: 10GB\n").getMessage()
                .contains("rules[0].quota"));
    }

    @Test
    void aDurationThatIsNotOneIsRefusedWithItsPlace() {
        assertTrue(refused("rules:\n  - repositories: \"**\"\n    deleteUntaggedAfter: soon\n").getMessage()
                .contains("rules[0].deleteUntaggedAfter"));
    }

    @Test
    void aTagPatternThatIsNotARegularExpressionIsRefused() {
        assertTrue(refused("rules:\n  - repositories: \"**\"\n    keepTags: [\"v[\"]\n").getMessage()
                .contains("rules[0].keepTags[0]"));
    }

    @Test
    void durationsTakeSecondsMinutesHoursDaysAndIso() {
        assertEquals(Optional.of(Duration.ofSeconds(90)), GcPolicyLoader.duration("90s", "d"));
        assertEquals(Optional.of(Duration.ofMinutes(15)), GcPolicyLoader.duration("15m", "d"));
        assertEquals(Optional.of(Duration.ofHours(1)), GcPolicyLoader.duration("PT1H", "d"));
    }

    @Test
    void anEmptyFileHasNoRules() throws IOException {
        assertEquals(GcPolicy.NONE, load(""));
    }
}
