package io.huruhuru.server.auth;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.huruhuru.oci.RepositoryName;
import java.util.EnumSet;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.yaml.snakeyaml.Yaml;

class RulesLoaderTest {

    private static AccessRules parse(String yaml) {
        return RulesLoader.parse(new Yaml().load(yaml));
    }

    private static String refusal(String yaml) {
        return assertThrows(IllegalArgumentException.class, () -> parse(yaml)).getMessage();
    }

    @Test
    void aUsersActionsAreTheUnionOfEveryMatchingRule() {
        AccessRules rules = parse(AuthFixture.RULES);

        assertEquals(EnumSet.of(Action.PULL, Action.PUSH, Action.DELETE, Action.VALIDATE),
                rules.allowed(Optional.of("writer"), RepositoryName.parse("team-a/app/x")));
        assertEquals(EnumSet.of(Action.PULL), rules.allowed(Optional.of("reader"), RepositoryName.parse("team-a/app")));
        assertEquals(EnumSet.allOf(Action.class), rules.allowed(Optional.of("admin"), RepositoryName.parse("x")));
        assertEquals(EnumSet.of(Action.VALIDATE), rules.allowed(Optional.of("other"),
                RepositoryName.parse("team-a/app")));
        assertEquals(Set.of(), rules.allowed(Optional.of("other"), RepositoryName.parse("team-c/app")));
    }

    @Test
    void anonymousCallersGetPullOnlyWhereARuleAllowsIt() {
        AccessRules rules = parse(AuthFixture.RULES);

        assertEquals(EnumSet.of(Action.PULL), rules.allowed(Optional.empty(), RepositoryName.parse("public/app")));
        assertEquals(Set.of(), rules.allowed(Optional.empty(), RepositoryName.parse("team-a/app")));
    }

    @Test
    void anyUserStandsForEveryAuthenticatedUserButNotForAnonymous() {
        AccessRules rules = parse("rules: [{repositories: [\"**\"], users: [\"*\"], actions: [pull]}]");

        assertEquals(EnumSet.of(Action.PULL), rules.allowed(Optional.of("someone"), RepositoryName.parse("a")));
        assertEquals(Set.of(), rules.allowed(Optional.empty(), RepositoryName.parse("a")));
    }

    @Test
    void anUnknownKeyInARuleIsRefused() {
        String message = refusal("rules: [{repositories: [a], users: [u], actions: [pull], anonymouspull: true}]");

        assertTrue(message.contains("unknown keys in rule 1: [anonymouspull]"), message);
    }

    @Test
    void anUnknownTopLevelKeyIsRefused() {
        assertTrue(refusal("users: {}").contains("unknown keys in the file: [users]"));
    }

    @Test
    void anUnknownActionIsRefused() {
        assertTrue(refusal("rules: [{repositories: [a], users: [u], actions: [read]}]").contains("unknown action read"));
    }

    @Test
    void anUndefinedGroupIsRefused() {
        assertTrue(refusal("rules: [{repositories: [a], groups: [team], actions: [pull]}]")
                .contains("names group team"));
    }

    @Test
    void aRuleThatGrantsNothingIsRefused() {
        assertTrue(refusal("rules: [{repositories: [a], users: [u]}]").contains("grants nothing"));
    }

    @Test
    void aRuleWithActionsButNobodyIsRefused() {
        assertTrue(refusal("rules: [{repositories: [a], actions: [pull]}]").contains("names no users or groups"));
    }

    @Test
    void anonymousPullMustBeABoolean() {
        assertTrue(refusal("rules: [{repositories: [a], anonymousPull: yes-please}]").contains("true or false"));
    }
}
