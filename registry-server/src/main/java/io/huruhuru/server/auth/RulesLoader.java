package io.huruhuru.server.auth;

import io.huruhuru.validation.budget.RepositoryPattern;
import java.io.IOException;
import java.io.Reader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;

/**
 * Reads the access rules file ({@code auth.rules}); an unknown key, an unknown action or group, or a value of the
 * wrong kind is an error that names where it is, so that a typo never widens or narrows access silently.
 *
 * <pre>
 * groups:
 *   admins: [alice]
 *   team-a: [bob, carol]
 * rules:
 *   - repositories: ["**"]
 *     groups: [admins]
 *     actions: ["*"]
 *   - repositories: ["team-a/**"]
 *     groups: [team-a]
 *     actions: [pull, push, delete]
 *   - repositories: ["public/**"]
 *     users: ["*"]
 *     actions: [pull]
 *     anonymousPull: true
 * </pre>
 */
public final class RulesLoader {

    private static final Set<String> TOP = Set.of("groups", "rules");
    private static final Set<String> RULE = Set.of("repositories", "users", "groups", "actions", "anonymousPull");

    private RulesLoader() {
    }

    public static AccessRules load(Path file) {
        Object document;
        try (Reader reader = Files.newBufferedReader(file)) {
            document = new Yaml(new SafeConstructor(new LoaderOptions())).load(reader);
        } catch (IOException e) {
            throw new IllegalArgumentException("cannot read access rules " + file + ": " + e.getMessage(), e);
        } catch (RuntimeException e) {
            throw new IllegalArgumentException("access rules " + file + " are not YAML: " + e.getMessage(), e);
        }
        try {
            return parse(document);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("access rules " + file + ": " + e.getMessage(), e);
        }
    }

    static AccessRules parse(Object document) {
        Map<?, ?> top = mapping(document == null ? Map.of() : document, "the file");
        known(top, TOP, "the file");
        Map<String, Set<String>> groups = new LinkedHashMap<>();
        mapping(top.get("groups") == null ? Map.of() : top.get("groups"), "groups").forEach((name, members) ->
                groups.put(string(name, "a group name"), new LinkedHashSet<>(strings(members, "group " + name))));
        List<AccessRules.Rule> rules = new ArrayList<>();
        List<?> entries = top.get("rules") == null ? List.of() : list(top.get("rules"), "rules");
        for (int i = 0; i < entries.size(); i++) {
            rules.add(rule(mapping(entries.get(i), "rule " + (i + 1)), "rule " + (i + 1), groups.keySet()));
        }
        return new AccessRules(groups, rules);
    }

    private static AccessRules.Rule rule(Map<?, ?> entry, String where, Set<String> groupNames) {
        known(entry, RULE, where);
        List<String> globs = strings(entry.get("repositories"), where + " repositories");
        if (globs.isEmpty()) {
            throw new IllegalArgumentException(where + " needs repositories");
        }
        List<RepositoryPattern> repositories = globs.stream().map(RepositoryPattern::compile).toList();
        List<String> users = entry.containsKey("users") ? strings(entry.get("users"), where + " users") : List.of();
        List<String> groups = entry.containsKey("groups") ? strings(entry.get("groups"), where + " groups") : List.of();
        for (String group : groups) {
            if (!groupNames.contains(group)) {
                throw new IllegalArgumentException(where + " names group " + group + ", which groups do not define");
            }
        }
        Set<Action> actions = EnumSet.noneOf(Action.class);
        if (entry.containsKey("actions")) {
            for (String action : strings(entry.get("actions"), where + " actions")) {
                try {
                    actions.addAll(Action.parse(action));
                } catch (IllegalArgumentException e) {
                    throw new IllegalArgumentException(where + ": " + e.getMessage(), e);
                }
            }
        }
        Object anonymous = entry.containsKey("anonymousPull") ? entry.get("anonymousPull") : Boolean.FALSE;
        if (!(anonymous instanceof Boolean anonymousPull)) {
            throw new IllegalArgumentException(where + " anonymousPull must be true or false, got: " + anonymous);
        }
        if (actions.isEmpty() && !anonymousPull) {
            throw new IllegalArgumentException(where + " grants nothing: give it actions or anonymousPull: true");
        }
        if (!actions.isEmpty() && users.isEmpty() && groups.isEmpty()) {
            throw new IllegalArgumentException(where + " has actions but names no users or groups");
        }
        return new AccessRules.Rule(repositories, new LinkedHashSet<>(users), new LinkedHashSet<>(groups), actions,
                anonymousPull);
    }

    private static void known(Map<?, ?> map, Set<String> known, String where) {
        Set<String> unknown = new TreeSet<>();
        map.keySet().forEach(key -> {
            if (!known.contains(String.valueOf(key))) {
                unknown.add(String.valueOf(key));
            }
        });
        if (!unknown.isEmpty()) {
            throw new IllegalArgumentException("unknown keys in " + where + ": " + unknown + "; known: "
                    + new TreeSet<>(known));
        }
    }

    private static Map<?, ?> mapping(Object value, String where) {
        if (value instanceof Map<?, ?> map) {
            return map;
        }
        throw new IllegalArgumentException(where + " must be a mapping, got: " + value);
    }

    private static List<?> list(Object value, String where) {
        if (value instanceof List<?> list) {
            return list;
        }
        throw new IllegalArgumentException(where + " must be a list, got: " + value);
    }

    private static List<String> strings(Object value, String where) {
        if (value == null) {
            return List.of();
        }
        return list(value, where).stream().map(item -> string(item, "an entry of " + where)).toList();
    }

    private static String string(Object value, String what) {
        if (value instanceof String text && !text.isBlank()) {
            return text;
        }
        throw new IllegalArgumentException(what + " must be a non-empty string, got: " + value);
    }
}
