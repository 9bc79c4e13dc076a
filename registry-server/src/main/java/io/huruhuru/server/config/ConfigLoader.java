package io.huruhuru.server.config;

import io.huruhuru.server.preview.RunBudget;
import java.io.IOException;
import java.io.Reader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Pattern;
import org.yaml.snakeyaml.DumperOptions;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;
import org.yaml.snakeyaml.nodes.Tag;
import org.yaml.snakeyaml.representer.Representer;
import org.yaml.snakeyaml.resolver.Resolver;

/**
 * Builds the {@link RegistryConfig} from the defaults, an optional YAML file, then environment variables; the only
 * place that reads either. The keys, their environment variables and their defaults are {@link ConfigKey}'s.
 */
public final class ConfigLoader {

    private ConfigLoader() {
    }

    /** Loads {@code file} (when not null) over the defaults, then applies {@code environment}. */
    public static RegistryConfig load(Path file, Map<String, String> environment) {
        Map<ConfigKey, String> values = new EnumMap<>(ConfigKey.class);
        for (ConfigKey key : ConfigKey.values()) {
            key.defaultValue().ifPresent(value -> values.put(key, value));
        }
        if (file != null) {
            values.putAll(readYaml(file));
        }
        for (ConfigKey key : ConfigKey.values()) {
            String value = environment.get(key.environmentVariable());
            if (value != null) {
                values.put(key, value);
            }
        }
        return new RegistryConfig(
                new RegistryConfig.Http(
                        RegistryConfig.Listen.parse(values.get(ConfigKey.HTTP_LISTEN)),
                        Duration.ofSeconds(number(values, ConfigKey.HTTP_SHUTDOWN_GRACE_SECONDS)),
                        intNumber(values, ConfigKey.HTTP_MAX_MANIFEST_BYTES)),
                new RegistryConfig.Storage(Path.of(values.get(ConfigKey.STORAGE_DATA)),
                        Duration.ofHours(number(values, ConfigKey.STORAGE_PURGE_UPLOADS_AFTER_HOURS)),
                        Duration.ofMinutes(number(values, ConfigKey.STORAGE_PURGE_UPLOADS_EVERY_MINUTES))),
                new RegistryConfig.Log(values.get(ConfigKey.LOG_LEVEL).toLowerCase(Locale.ROOT),
                        bool(values, ConfigKey.LOG_ACCESS), RegistryConfig.LogFormat.parse(
                                values.get(ConfigKey.LOG_FORMAT))),
                new RegistryConfig.Validation(optional(values, ConfigKey.VALIDATION_POLICY).map(Path::of),
                        RegistryConfig.LayerReading.parse(values.get(ConfigKey.VALIDATION_READ_LAYERS_ON_UPLOAD)),
                        runBudget(values)),
                new RegistryConfig.Signing(optional(values, ConfigKey.SIGNING_KEY).map(Path::of),
                        optional(values, ConfigKey.SIGNING_KEY_ID),
                        optional(values, ConfigKey.SIGNING_RETIRED_KEYS).map(RegistryConfig.RetiredKey::parseList)
                                .orElse(java.util.List.of()),
                        optional(values, ConfigKey.SIGNING_REGISTRY_NAME)),
                security(values),
                new RegistryConfig.Gc(Duration.ofSeconds(number(values, ConfigKey.GC_INTERVAL_SECONDS)),
                        Duration.ofSeconds(number(values, ConfigKey.GC_GRACE_SECONDS)),
                        intNumber(values, ConfigKey.GC_BATCH_SIZE),
                        optional(values, ConfigKey.GC_POLICY).map(Path::of)),
                new RegistryConfig.Operations(optional(values, ConfigKey.METRICS_LISTEN)
                        .map(RegistryConfig.Listen::parse), number(values, ConfigKey.HEALTH_MIN_FREE_DISK_BYTES),
                        intNumber(values, ConfigKey.METRICS_REPOSITORY_LABEL_TOP)));
    }

    private static RunBudget runBudget(Map<ConfigKey, String> values) {
        long budget = number(values, ConfigKey.PREVIEW_RUN_BUDGET);
        long max = number(values, ConfigKey.PREVIEW_MAX_RUN_BUDGET);
        if (budget <= 0 || max < budget) {
            throw new IllegalArgumentException(ConfigKey.PREVIEW_RUN_BUDGET + " must be positive and at most "
                    + ConfigKey.PREVIEW_MAX_RUN_BUDGET + ", got " + budget + " and " + max);
        }
        return new RunBudget(budget, max);
    }

    private static SecurityConfig security(Map<ConfigKey, String> values) {
        Optional<Path> certificate = optional(values, ConfigKey.TLS_CERTIFICATE).map(Path::of);
        Optional<Path> key = optional(values, ConfigKey.TLS_KEY).map(Path::of);
        if (certificate.isPresent() != key.isPresent()) {
            throw new IllegalArgumentException(ConfigKey.TLS_CERTIFICATE + " and " + ConfigKey.TLS_KEY + " go together");
        }
        Optional<SecurityConfig.Tls> tls = certificate.map(cert -> new SecurityConfig.Tls(
                RegistryConfig.Listen.parse(values.get(ConfigKey.TLS_LISTEN)), cert, key.get()));
        SecurityConfig.Token token = new SecurityConfig.Token(optional(values, ConfigKey.AUTH_TOKEN_REALM),
                values.get(ConfigKey.AUTH_TOKEN_SERVICE), values.get(ConfigKey.AUTH_TOKEN_ISSUER),
                Duration.ofSeconds(number(values, ConfigKey.AUTH_TOKEN_TTL_SECONDS)),
                optional(values, ConfigKey.AUTH_TOKEN_KEY).map(Path::of),
                optional(values, ConfigKey.AUTH_TOKEN_EXTERNAL_ISSUER),
                optional(values, ConfigKey.AUTH_TOKEN_EXTERNAL_JWKS).map(Path::of));
        SecurityConfig.Auth auth = new SecurityConfig.Auth(SecurityConfig.Mode.parse(values.get(ConfigKey.AUTH_MODE)),
                optional(values, ConfigKey.AUTH_HTPASSWD).map(Path::of),
                optional(values, ConfigKey.AUTH_RULES).map(Path::of), token);
        SecurityConfig.Limits limits = new SecurityConfig.Limits(intNumber(values, ConfigKey.LIMITS_FAILED_LOGINS),
                Duration.ofSeconds(number(values, ConfigKey.LIMITS_LOCKOUT_SECONDS)),
                decimal(values, ConfigKey.LIMITS_REQUESTS_PER_SECOND), number(values, ConfigKey.LIMITS_MAX_BODY_BYTES),
                number(values, ConfigKey.LIMITS_MAX_UPLOAD_BYTES));
        return new SecurityConfig(bool(values, ConfigKey.HTTP_PLAIN), tls, auth, limits);
    }

    /** {@code true} or {@code false}; anything else ({@code yes}, {@code 1}, a typo) is an error, not false. */
    private static boolean bool(Map<ConfigKey, String> values, ConfigKey key) {
        String text = values.get(key).trim();
        if (text.equalsIgnoreCase("true") || text.equalsIgnoreCase("false")) {
            return Boolean.parseBoolean(text);
        }
        throw new IllegalArgumentException(key + " must be true or false, got: " + text);
    }

    private static double decimal(Map<ConfigKey, String> values, ConfigKey key) {
        String text = values.get(key);
        try {
            double number = Double.parseDouble(text.trim());
            if (!Double.isFinite(number)) {
                throw new NumberFormatException("not finite");
            }
            return number;
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(key + " must be a number, got: " + text, e);
        }
    }

    /** The key's value, when it is set and not blank. */
    private static Optional<String> optional(Map<ConfigKey, String> values, ConfigKey key) {
        return Optional.ofNullable(values.get(key)).map(String::strip).filter(v -> !v.isEmpty());
    }

    private static long number(Map<ConfigKey, String> values, ConfigKey key) {
        String text = values.get(key);
        try {
            return Long.parseLong(text.trim());
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(key + " must be a whole number, got: " + text, e);
        }
    }

    private static int intNumber(Map<ConfigKey, String> values, ConfigKey key) {
        long number = number(values, key);
        if (number < Integer.MIN_VALUE || number > Integer.MAX_VALUE) {
            throw new IllegalArgumentException(key + " must be at most " + Integer.MAX_VALUE + ", got: " + number);
        }
        return (int) number;
    }

    private static Map<ConfigKey, String> readYaml(Path file) {
        Object document;
        try (Reader reader = Files.newBufferedReader(file)) {
            LoaderOptions options = new LoaderOptions();
            document = new Yaml(new SafeConstructor(options), new Representer(new DumperOptions()), new DumperOptions(),
                    options, new StrictBooleans()).load(reader);
        } catch (IOException e) {
            throw new IllegalArgumentException("cannot read config file " + file + ": " + e.getMessage(), e);
        }
        Map<String, String> flat = new HashMap<>();
        if (document != null) {
            if (!(document instanceof Map<?, ?> map)) {
                throw new IllegalArgumentException("config file " + file + " must be a YAML mapping");
            }
            flatten("", map, flat);
        }
        Map<ConfigKey, String> known = new EnumMap<>(ConfigKey.class);
        Set<String> unknown = new TreeSet<>();
        flat.forEach((name, value) -> ConfigKey.byKey(name).ifPresentOrElse(key -> known.put(key, value),
                () -> unknown.add(name)));
        if (!unknown.isEmpty()) {
            throw new IllegalArgumentException("unknown keys in config file " + file + ": " + unknown + "; known: "
                    + Arrays.stream(ConfigKey.values()).map(ConfigKey::key).sorted().toList());
        }
        return known;
    }

    /**
     * YAML 1.1's resolution without its other booleans: {@code yes}, {@code no}, {@code on} and {@code off} stay text,
     * which a boolean key then refuses, instead of silently meaning true or false.
     */
    private static final class StrictBooleans extends Resolver {
        @Override
        protected void addImplicitResolvers() {
            addImplicitResolver(Tag.BOOL, Pattern.compile("^(?:true|True|TRUE|false|False|FALSE)$"), "tTfF", 10);
            addImplicitResolver(Tag.INT, INT, "-+0123456789");
            addImplicitResolver(Tag.FLOAT, FLOAT, "-+0123456789.");
            addImplicitResolver(Tag.MERGE, MERGE, "<", 10);
            addImplicitResolver(Tag.NULL, NULL, "~nN\0", 10);
            addImplicitResolver(Tag.NULL, EMPTY, null, 10);
            addImplicitResolver(Tag.TIMESTAMP, TIMESTAMP, "0123456789", 50);
            addImplicitResolver(Tag.YAML, YAML, "!&*", 10);
        }
    }

    private static void flatten(String prefix, Map<?, ?> map, Map<String, String> into) {
        for (Map.Entry<?, ?> entry : map.entrySet()) {
            String key = prefix + entry.getKey();
            if (entry.getValue() instanceof Map<?, ?> nested) {
                flatten(key + ".", nested, into);
            } else if (entry.getValue() != null) {
                into.put(key, entry.getValue().toString());
            }
        }
    }
}
