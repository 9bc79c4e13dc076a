package io.huruhuru.validation.budget;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import io.huruhuru.sel4.boot.PlatformCatalog;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;
import org.yaml.snakeyaml.error.YAMLException;

/**
 * Reads a policy file (YAML). Unknown keys are errors, so a misspelt limit cannot silently not apply.
 *
 * <pre>
 * platforms:
 *   odroid-c4: {architecture: arm64, stack_pages: 16}
 * rules:
 *   - repositories: ["kos/**"]
 *     platform: odroid-c4
 *     mode: enforce
 *     limits: {heap_pages: 4096, ut_large_page: 8, ut_4k_pages: 64, memory: 64MiB,
 *              priority: 200, max_priority: 200, protocols: [hello_protocol]}
 *     sign: all
 *     requireBoot: qemu-arm-virt   # a board of the seL4 model; an image that cannot boot there is refused

 * </pre>
 */
public final class PolicyLoader {

    private static final Set<String> TOP_KEYS = Set.of("platforms", "rules");
    private static final Set<String> PLATFORM_KEYS = Set.of("architecture", "stack_pages");
    private static final Set<String> RULE_KEYS = Set.of("repositories", "platform", "mode", "limits", "sign",
            "requireBoot");
    private static final Set<String> LIMIT_KEYS = Set.of("heap_pages", "ut_large_page", "ut_4k_pages", "memory",
            "priority", "max_priority", "protocols");
    private static final Pattern SIZE = Pattern.compile("([0-9]{1,19})\\s*(B|KiB|MiB|GiB|TiB)?");
    private static final Set<String> ARCHITECTURES = Set.of("arm64", "amd64");

    private PolicyLoader() {
    }

    public static Policy load(Path file) throws PolicyException, IOException {
        try (InputStream in = Files.newInputStream(file)) {
            return load(in);
        }
    }

    public static Policy load(String yaml) throws PolicyException {
        return load(new java.io.ByteArrayInputStream(yaml.getBytes(StandardCharsets.UTF_8)));
    }

    public static Policy load(InputStream in) throws PolicyException {
        LoaderOptions options = new LoaderOptions();
        options.setAllowDuplicateKeys(false);
        options.setMaxAliasesForCollections(20);
        options.setCodePointLimit(1 << 20);
        Object document;
        try {
            document = new Yaml(new SafeConstructor(options)).load(in);
        } catch (YAMLException e) {
            throw new PolicyException("the policy file is not valid YAML: " + e.getMessage(), e);
        }
        if (document == null) {
            return Policy.NONE;
        }
        Map<String, Object> top = map(document, "the policy file", TOP_KEYS);
        Map<String, TargetPlatform> platforms = new LinkedHashMap<>();
        if (top.get("platforms") != null) {
            for (Map.Entry<String, Object> e : map(top.get("platforms"), "platforms", null).entrySet()) {
                String where = "platforms." + e.getKey();
                Map<String, Object> p = map(e.getValue(), where, PLATFORM_KEYS);
                String architecture = string(p.get("architecture"), where + ".architecture");
                if (!ARCHITECTURES.contains(architecture)) {
                    throw new PolicyException(where + ".architecture: expected arm64 or amd64, found " + architecture);
                }
                long stack = p.get("stack_pages") == null ? io.huruhuru.sel4.app.ApplicationDescription.DEFAULT_STACK_PAGES
                        : count(p.get("stack_pages"), where + ".stack_pages");
                platforms.put(e.getKey(), new TargetPlatform(e.getKey(), architecture, stack));
            }
        }
        List<PolicyRule> rules = new ArrayList<>();
        Object rulesNode = top.get("rules");
        if (rulesNode != null) {
            if (!(rulesNode instanceof List<?> list)) {
                throw new PolicyException("rules: expected a list");
            }
            for (int i = 0; i < list.size(); i++) {
                rules.add(rule(list.get(i), "rules[" + i + "]", platforms));
            }
        }
        return new Policy(rules);
    }

    private static PolicyRule rule(Object node, String where, Map<String, TargetPlatform> platforms)
            throws PolicyException {
        Map<String, Object> r = map(node, where, RULE_KEYS);
        List<RepositoryPattern> patterns = new ArrayList<>();
        Object repositories = r.get("repositories");
        List<?> globs = repositories instanceof List<?> l ? l : repositories == null ? List.of() : List.of(repositories);
        for (Object glob : globs) {
            patterns.add(RepositoryPattern.compile(string(glob, where + ".repositories")));
        }
        if (patterns.isEmpty()) {
            throw new PolicyException(where + ".repositories: expected at least one repository pattern");
        }
        Optional<TargetPlatform> platform = Optional.empty();
        if (r.get("platform") != null) {
            String platformName = string(r.get("platform"), where + ".platform");
            platform = Optional.ofNullable(platforms.get(platformName));
            if (platform.isEmpty()) {
                throw new PolicyException(where + ".platform: no platform named " + platformName + " under platforms");
            }
        }
        String modeText = r.get("mode") == null ? "enforce" : string(r.get("mode"), where + ".mode");
        Mode mode = switch (modeText) {
            case "enforce" -> Mode.ENFORCE;
            case "warn" -> Mode.WARN;
            default -> throw new PolicyException(where + ".mode: expected enforce or warn, found " + modeText);
        };
        Limits limits = r.get("limits") == null ? Limits.NONE : limits(r.get("limits"), where + ".limits");
        String signText = r.get("sign") == null ? Signing.ALL.id() : string(r.get("sign"), where + ".sign");
        Signing signing = Arrays.stream(Signing.values()).filter(s -> s.id().equals(signText)).findFirst()
                .orElseThrow(() -> new PolicyException(where + ".sign: expected all, validated or none, found "
                        + signText));
        Optional<String> requireBoot = Optional.empty();
        if (r.get("requireBoot") != null) {
            String board = string(r.get("requireBoot"), where + ".requireBoot");
            if (PlatformCatalog.find(board).isEmpty()) {
                throw new PolicyException(where + ".requireBoot: the seL4 model knows no platform " + board
                        + "; known: " + String.join(", ", PlatformCatalog.all().stream().map(p -> p.name()).toList()));
            }
            requireBoot = Optional.of(board);
        }
        return new PolicyRule(patterns, platform, mode, limits, signing, requireBoot);
    }

    private static Limits limits(Object node, String where) throws PolicyException {
        Map<String, Object> l = map(node, where, LIMIT_KEYS);
        Optional<List<String>> protocols = Optional.empty();
        if (l.get("protocols") != null) {
            if (!(l.get("protocols") instanceof List<?> list)) {
                throw new PolicyException(where + ".protocols: expected a list of protocol names");
            }
            List<String> names = new ArrayList<>();
            for (Object item : list) {
                names.add(string(item, where + ".protocols"));
            }
            protocols = Optional.of(names);
        }
        return new Limits(optionalCount(l, "heap_pages", where), optionalCount(l, "ut_large_page", where),
                optionalCount(l, "ut_4k_pages", where), l.get("memory") == null ? OptionalLong.empty()
                        : OptionalLong.of(size(l.get("memory"), where + ".memory")),
                optionalCount(l, "priority", where), optionalCount(l, "max_priority", where), protocols);
    }

    private static OptionalLong optionalCount(Map<String, Object> map, String key, String where)
            throws PolicyException {
        return map.get(key) == null ? OptionalLong.empty() : OptionalLong.of(count(map.get(key), where + "." + key));
    }

    private static long count(Object value, String where) throws PolicyException {
        if (value instanceof Integer || value instanceof Long) {
            long n = ((Number) value).longValue();
            if (n >= 0) {
                return n;
            }
        }
        throw new PolicyException(where + ": expected an unsigned integer, found " + value);
    }

    /**
     * Bytes as an integer or with a binary unit: {@code 67108864}, {@code 64MiB}, {@code 1 GiB}; public so that the
     * registry's quota file reads sizes as the policy does.
     */
    public static long size(Object value, String where) throws PolicyException {
        if (value instanceof Integer || value instanceof Long) {
            return count(value, where);
        }
        Matcher m = SIZE.matcher(String.valueOf(value).strip());
        if (!m.matches()) {
            throw new PolicyException(where + ": expected bytes, e.g. 67108864 or 64MiB, found " + value);
        }
        int shift = switch (m.group(2) == null ? "B" : m.group(2)) {
            case "KiB" -> 10;
            case "MiB" -> 20;
            case "GiB" -> 30;
            case "TiB" -> 40;
            default -> 0;
        };
        try {
            long n = Long.parseLong(m.group(1));
            if (n > (Long.MAX_VALUE >> shift)) {
                throw new NumberFormatException();
            }
            return n << shift;
        } catch (NumberFormatException e) {
            throw new PolicyException(where + ": " + value + " is too large");
        }
    }

    private static String string(Object value, String where) throws PolicyException {
        if (value instanceof String s && !s.isEmpty()) {
            return s;
        }
        throw new PolicyException(where + ": expected a non-empty string, found " + value);
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> map(Object node, String where, Set<String> allowed) throws PolicyException {
        if (!(node instanceof Map<?, ?> map)) {
            throw new PolicyException(where + ": expected a mapping");
        }
        for (Object key : map.keySet()) {
            if (!(key instanceof String)) {
                throw new PolicyException(where + ": keys must be strings, found " + key);
            }
            if (allowed != null && !allowed.contains(key)) {
                throw new PolicyException(where + ": unknown key " + key + " (known: "
                        + String.join(", ", new java.util.TreeSet<>(allowed)) + ")");
            }
        }
        return (Map<String, Object>) map;
    }
}
