package io.huruhuru.server.config;

import java.io.IOException;
import java.io.Reader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;

/**
 * Builds the {@link RegistryConfig} from the defaults, an optional YAML file, then environment variables; the only
 * place that reads either.
 *
 * <p>File keys, and the environment variable that overrides each:
 * <pre>
 * http.listen                 HURUHURU_HTTP_LISTEN                  127.0.0.1:5000
 * http.shutdownGraceSeconds   HURUHURU_HTTP_SHUTDOWN_GRACE_SECONDS  10
 * http.maxManifestBytes       HURUHURU_HTTP_MAX_MANIFEST_BYTES      4194304
 * storage.data                HURUHURU_STORAGE_DATA                 ./data
 * storage.purgeUploadsAfterHours   HURUHURU_STORAGE_PURGE_UPLOADS_AFTER_HOURS    168 (0: never)
 * storage.purgeUploadsEveryMinutes HURUHURU_STORAGE_PURGE_UPLOADS_EVERY_MINUTES  60
 * log.level                   HURUHURU_LOG_LEVEL                    info
 * log.access                  HURUHURU_LOG_ACCESS                   true
 * validation.policy           HURUHURU_VALIDATION_POLICY            (none)
 * validation.readLayersOnUpload HURUHURU_VALIDATION_READ_LAYERS_ON_UPLOAD auto
 * </pre>
 */
public final class ConfigLoader {

    private static final Set<String> KEYS = Set.of("http.listen", "http.shutdownGraceSeconds", "http.maxManifestBytes",
            "storage.data", "storage.purgeUploadsAfterHours", "storage.purgeUploadsEveryMinutes", "log.level",
            "log.access", "validation.policy", "validation.readLayersOnUpload");

    private ConfigLoader() {
    }

    /** Loads {@code file} (when not null) over the defaults, then applies {@code environment}. */
    public static RegistryConfig load(Path file, Map<String, String> environment) {
        Map<String, String> values = new HashMap<>();
        if (file != null) {
            values.putAll(readYaml(file));
        }
        for (String key : KEYS) {
            String variable = environmentName(key);
            if (environment.containsKey(variable)) {
                values.put(key, environment.get(variable));
            }
        }
        RegistryConfig defaults = RegistryConfig.defaults();
        return new RegistryConfig(
                new RegistryConfig.Http(
                        RegistryConfig.Listen.parse(values.getOrDefault("http.listen", defaults.http().listen().toString())),
                        Duration.ofSeconds(number(values, "http.shutdownGraceSeconds", defaults.http().shutdownGrace().toSeconds())),
                        (int) number(values, "http.maxManifestBytes", defaults.http().maxManifestBytes())),
                new RegistryConfig.Storage(Path.of(values.getOrDefault("storage.data", defaults.storage().dataDirectory().toString())),
                        Duration.ofHours(number(values, "storage.purgeUploadsAfterHours",
                                defaults.storage().purgeUploadsAfter().toHours())),
                        Duration.ofMinutes(number(values, "storage.purgeUploadsEveryMinutes",
                                defaults.storage().purgeUploadsEvery().toMinutes()))),
                new RegistryConfig.Log(
                        values.getOrDefault("log.level", defaults.log().level()).toLowerCase(Locale.ROOT),
                        Boolean.parseBoolean(values.getOrDefault("log.access", Boolean.toString(defaults.log().accessLog())))),
                new RegistryConfig.Validation(Optional.ofNullable(values.get("validation.policy"))
                        .filter(p -> !p.isBlank()).map(Path::of),
                        RegistryConfig.LayerReading.parse(values.getOrDefault("validation.readLayersOnUpload",
                                defaults.validation().readLayersOnUpload().name()))));
    }

    static String environmentName(String key) {
        return "HURUHURU_" + key.replaceAll("([a-z])([A-Z])", "$1_$2").replace('.', '_').toUpperCase(Locale.ROOT);
    }

    private static long number(Map<String, String> values, String key, long fallback) {
        String text = values.get(key);
        if (text == null) {
            return fallback;
        }
        try {
            return Long.parseLong(text.trim());
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(key + " must be a whole number, got: " + text, e);
        }
    }

    private static Map<String, String> readYaml(Path file) {
        Object document;
        try (Reader reader = Files.newBufferedReader(file)) {
            document = new Yaml(new SafeConstructor(new LoaderOptions())).load(reader);
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
        Set<String> unknown = new TreeSet<>(flat.keySet());
        unknown.removeAll(KEYS);
        if (!unknown.isEmpty()) {
            throw new IllegalArgumentException("unknown keys in config file " + file + ": " + unknown + "; known: " + new TreeSet<>(KEYS));
        }
        return flat;
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
