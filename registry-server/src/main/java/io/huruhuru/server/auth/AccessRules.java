package io.huruhuru.server.auth;

import io.huruhuru.oci.RepositoryName;
import io.huruhuru.validation.budget.RepositoryPattern;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Which user may do what to which repository: rules of repository globs, users and groups, and actions; a caller's
 * actions on a repository are the union over every rule whose glob matches it.
 *
 * @param groups group name to its members
 * @param rules the rules, in the order of the file (the order does not change the outcome)
 */
public record AccessRules(Map<String, Set<String>> groups, List<Rule> rules) {

    /** Any authenticated user: a rule naming it applies to every user the htpasswd file or a token names. */
    public static final String ANY_USER = "*";

    /** Without a rules file: every authenticated user may do everything, anonymous callers nothing. */
    public static final AccessRules AUTHENTICATED_MAY_DO_EVERYTHING = new AccessRules(Map.of(), List.of(
            new Rule(List.of(RepositoryPattern.compile("**")), Set.of(ANY_USER), Set.of(),
                    EnumSet.allOf(Action.class), false)));

    public AccessRules {
        groups = Map.copyOf(groups);
        rules = List.copyOf(rules);
    }

    /**
     * @param repositories globs of {@link RepositoryPattern} syntax
     * @param users user names, or {@link #ANY_USER}
     * @param groups group names of {@link AccessRules#groups()}
     * @param actions what they may do
     * @param anonymousPull whether a caller without credentials may pull
     */
    public record Rule(List<RepositoryPattern> repositories, Set<String> users, Set<String> groups,
            Set<Action> actions, boolean anonymousPull) {

        public Rule {
            repositories = List.copyOf(repositories);
            users = Set.copyOf(users);
            groups = Set.copyOf(groups);
            actions = actions.isEmpty() ? Set.of() : Set.copyOf(EnumSet.copyOf(actions));
        }

        boolean covers(RepositoryName repository) {
            for (RepositoryPattern pattern : repositories) {
                if (pattern.matches(repository)) {
                    return true;
                }
            }
            return false;
        }
    }

    /**
     * Whether {@code user} administers the registry as a whole (garbage collection): a rule covering every repository
     * ({@code **}) lets it delete.
     */
    public boolean administers(String user) {
        for (Rule rule : rules) {
            boolean everyRepository = rule.repositories().stream().anyMatch(p -> p.glob().equals("**"));
            if (everyRepository && rule.actions().contains(Action.DELETE) && names(rule, user)) {
                return true;
            }
        }
        return false;
    }

    /** Whether some rule lets callers without credentials pull. */
    public boolean anonymousMayPullSomething() {
        return rules.stream().anyMatch(Rule::anonymousPull);
    }

    /** What {@code user} (empty for an anonymous caller) may do to {@code repository}. */
    public Set<Action> allowed(Optional<String> user, RepositoryName repository) {
        Set<Action> allowed = EnumSet.noneOf(Action.class);
        for (Rule rule : rules) {
            if (!rule.covers(repository)) {
                continue;
            }
            if (rule.anonymousPull()) {
                allowed.add(Action.PULL);
            }
            if (user.isPresent() && names(rule, user.get())) {
                allowed.addAll(rule.actions());
            }
        }
        return allowed;
    }

    private boolean names(Rule rule, String user) {
        if (rule.users().contains(user) || rule.users().contains(ANY_USER)) {
            return true;
        }
        for (String group : rule.groups()) {
            if (groups.getOrDefault(group, Set.of()).contains(user)) {
                return true;
            }
        }
        return false;
    }
}
