package io.huruhuru.server.gc;

import io.huruhuru.validation.budget.PolicyException;
import io.huruhuru.validation.budget.PolicyLoader;
import io.huruhuru.validation.budget.RepositoryPattern;
import java.io.IOException;
import java.io.Reader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.OptionalLong;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;

/**
 * Reads the retention and quota file ({@code gc.policy}): a YAML mapping with one key, {@code rules}, a list of rules
 * each naming its {@code repositories} glob. Unknown keys are errors, named with their place ({@code rules[1].kepLast}).
 */
public final class GcPolicyLoader {

    static final Set<String> RULE_KEYS = Set.of("name", "repositories", "keepTags", "keepLast",
            "keepPushedOrPulledWithin", "deleteUntaggedAfter", "referrersFollowSubject", "quota");
    private static final Pattern DURATION = Pattern.compile("([0-9]{1,12})\\s*(s|m|h|d)");

    private GcPolicyLoader() {
    }

    /** The rules of {@code file}; an {@link IllegalArgumentException} names what is wrong and where. */
    public static GcPolicy load(Path file) {
        Object document;
        try (Reader reader = Files.newBufferedReader(file)) {
            document = new Yaml(new SafeConstructor(new LoaderOptions())).load(reader);
        } catch (IOException e) {
            throw new IllegalArgumentException("cannot read gc policy " + file + ": " + e.getMessage(), e);
        } catch (RuntimeException e) {
            throw new IllegalArgumentException("gc policy " + file + " is not YAML: " + e.getMessage(), e);
        }
        try {
            return parse(document);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("invalid gc policy " + file + ": " + e.getMessage(), e);
        }
    }

    static GcPolicy parse(Object document) {
        if (document == null) {
            return GcPolicy.NONE;
        }
        Map<?, ?> top = mapping(document, "the file");
        unknown(top, Set.of("rules"), "");
        Object rules = top.get("rules");
        if (rules == null) {
            return GcPolicy.NONE;
        }
        if (!(rules instanceof List<?> list)) {
            throw new IllegalArgumentException("rules: expected a list of rules");
        }
        List<GcRule> parsed = new ArrayList<>();
        for (int i = 0; i < list.size(); i++) {
            parsed.add(rule(list.get(i), "rules[" + i + "]"));
        }
        return new GcPolicy(parsed);
    }

    private static GcRule rule(Object value, String where) {
        Map<?, ?> rule = mapping(value, where);
        unknown(rule, RULE_KEYS, where + ".");
        Object glob = rule.get("repositories");
        if (!(glob instanceof String text) || text.isBlank()) {
            throw new IllegalArgumentException(where + ".repositories: required, a repository glob such as ci/**");
        }
        RepositoryPattern repositories = RepositoryPattern.compile(text.strip());
        String name = rule.containsKey("name") ? string(rule.get("name"), where + ".name") : text.strip();
        return new GcRule(name, repositories, tags(rule.get("keepTags"), where + ".keepTags"),
                rule.containsKey("keepLast") ? OptionalInt.of(count(rule.get("keepLast"), where + ".keepLast"))
                        : OptionalInt.empty(),
                duration(rule.get("keepPushedOrPulledWithin"), where + ".keepPushedOrPulledWithin"),
                duration(rule.get("deleteUntaggedAfter"), where + ".deleteUntaggedAfter"),
                flag(rule.get("referrersFollowSubject"), where + ".referrersFollowSubject"),
                quota(rule.get("quota"), where + ".quota"));
    }

    private static List<Pattern> tags(Object value, String where) {
        if (value == null) {
            return List.of();
        }
        List<?> list = value instanceof List<?> l ? l : List.of(value);
        List<Pattern> patterns = new ArrayList<>();
        for (int i = 0; i < list.size(); i++) {
            String regex = string(list.get(i), where + "[" + i + "]");
            try {
                patterns.add(Pattern.compile(regex));
            } catch (PatternSyntaxException e) {
                throw new IllegalArgumentException(where + "[" + i + "]: not a regular expression: "
                        + e.getDescription());
            }
        }
        return patterns;
    }

    /** {@code 90s}, {@code 15m}, {@code 12h}, {@code 7d}, or an ISO-8601 duration such as {@code PT1H}. */
    static Optional<Duration> duration(Object value, String where) {
        if (value == null) {
            return Optional.empty();
        }
        String text = String.valueOf(value).strip();
        Matcher m = DURATION.matcher(text);
        if (m.matches()) {
            long n = Long.parseLong(m.group(1));
            return Optional.of(switch (m.group(2)) {
                case "s" -> Duration.ofSeconds(n);
                case "m" -> Duration.ofMinutes(n);
                case "h" -> Duration.ofHours(n);
                default -> Duration.ofDays(n);
            });
        }
        try {
            Duration duration = Duration.parse(text);
            if (!duration.isNegative()) {
                return Optional.of(duration);
            }
        } catch (DateTimeParseException e) {
            // refused below with the forms that are accepted
        }
        throw new IllegalArgumentException(where + ": expected a duration such as 90s, 15m, 12h, 7d or PT1H, found "
                + value);
    }

    private static OptionalLong quota(Object value, String where) {
        if (value == null) {
            return OptionalLong.empty();
        }
        try {
            return OptionalLong.of(PolicyLoader.size(value, where));
        } catch (PolicyException e) {
            throw new IllegalArgumentException(e.getMessage(), e);
        }
    }

    private static int count(Object value, String where) {
        if (value instanceof Integer n && n >= 0) {
            return n;
        }
        throw new IllegalArgumentException(where + ": expected a whole number of at least 0, found " + value);
    }

    private static boolean flag(Object value, String where) {
        if (value == null) {
            return true;
        }
        if (value instanceof Boolean b) {
            return b;
        }
        throw new IllegalArgumentException(where + ": expected true or false, found " + value);
    }

    private static String string(Object value, String where) {
        if (value instanceof String s) {
            return s;
        }
        if (value instanceof Number || value instanceof Boolean) {
            return value.toString();
        }
        throw new IllegalArgumentException(where + ": expected a string, found " + value);
    }

    private static Map<?, ?> mapping(Object value, String where) {
        if (value instanceof Map<?, ?> map) {
            return map;
        }
        throw new IllegalArgumentException(where + ": expected a mapping, found " + value);
    }

    private static void unknown(Map<?, ?> map, Set<String> known, String prefix) {
        Set<String> unknown = new TreeSet<>();
        map.keySet().forEach(key -> {
            if (!known.contains(String.valueOf(key))) {
                unknown.add(prefix + key);
            }
        });
        if (!unknown.isEmpty()) {
            throw new IllegalArgumentException("unknown keys " + unknown + "; known: " + new TreeSet<>(known));
        }
    }
}
