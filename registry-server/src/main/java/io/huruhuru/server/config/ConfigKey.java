package io.huruhuru.server.config;

import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;

/**
 * Every key of the configuration, the one place that names them: its name in the YAML file, the environment variable
 * that overrides it, and its default. The README's configuration table is checked against this list by a test.
 */
public enum ConfigKey {
    HTTP_LISTEN("http.listen", "127.0.0.1:5000"),
    HTTP_SHUTDOWN_GRACE_SECONDS("http.shutdownGraceSeconds", "10"),
    HTTP_MAX_MANIFEST_BYTES("http.maxManifestBytes", "4194304"),
    STORAGE_DATA("storage.data", "data"),
    STORAGE_PURGE_UPLOADS_AFTER_HOURS("storage.purgeUploadsAfterHours", "168"),
    STORAGE_PURGE_UPLOADS_EVERY_MINUTES("storage.purgeUploadsEveryMinutes", "60"),
    LOG_LEVEL("log.level", "info"),
    LOG_ACCESS("log.access", "true"),
    LOG_FORMAT("log.format", "text"),
    METRICS_LISTEN("metrics.listen", null),
    METRICS_REPOSITORY_LABEL_TOP("metrics.repositoryLabel.top", "0"),
    HEALTH_MIN_FREE_DISK_BYTES("health.minFreeDiskBytes", "104857600"),
    VALIDATION_POLICY("validation.policy", null),
    VALIDATION_READ_LAYERS_ON_UPLOAD("validation.readLayersOnUpload", "auto"),
    PREVIEW_RUN_BUDGET("preview.runBudget", "100000000"),
    PREVIEW_MAX_RUN_BUDGET("preview.maxRunBudget", "1000000000"),
    SIGNING_KEY("signing.key", null),
    SIGNING_KEY_ID("signing.keyId", null),
    SIGNING_RETIRED_KEYS("signing.retiredKeys", null),
    SIGNING_REGISTRY_NAME("signing.registryName", null),
    HTTP_PLAIN("http.plain", "true"),
    TLS_LISTEN("tls.listen", "127.0.0.1:5443"),
    TLS_CERTIFICATE("tls.certificate", null),
    TLS_KEY("tls.key", null),
    AUTH_MODE("auth.mode", "none"),
    AUTH_HTPASSWD("auth.htpasswd", null),
    AUTH_RULES("auth.rules", null),
    AUTH_TOKEN_REALM("auth.token.realm", null),
    AUTH_TOKEN_SERVICE("auth.token.service", "huruhuru"),
    AUTH_TOKEN_ISSUER("auth.token.issuer", "huruhuru"),
    AUTH_TOKEN_TTL_SECONDS("auth.token.ttlSeconds", "300"),
    AUTH_TOKEN_KEY("auth.token.key", null),
    AUTH_TOKEN_EXTERNAL_ISSUER("auth.token.externalIssuer", null),
    AUTH_TOKEN_EXTERNAL_JWKS("auth.token.externalJwks", null),
    LIMITS_FAILED_LOGINS("limits.failedLogins", "10"),
    LIMITS_LOCKOUT_SECONDS("limits.lockoutSeconds", "300"),
    LIMITS_REQUESTS_PER_SECOND("limits.requestsPerSecond", "0"),
    LIMITS_MAX_BODY_BYTES("limits.maxBodyBytes", "1048576"),
    LIMITS_MAX_UPLOAD_BYTES("limits.maxUploadBytes", "0"),
    GC_INTERVAL_SECONDS("gc.intervalSeconds", "3600"),
    GC_GRACE_SECONDS("gc.graceSeconds", "3600"),
    GC_BATCH_SIZE("gc.batchSize", "1000"),
    GC_POLICY("gc.policy", null);

    private final String key;
    private final String defaultValue;

    ConfigKey(String key, String defaultValue) {
        this.key = key;
        this.defaultValue = defaultValue;
    }

    /** The dotted name of the key in the YAML file, e.g. {@code http.shutdownGraceSeconds}. */
    public String key() {
        return key;
    }

    /**
     * The environment variable that overrides the key: {@code HURUHURU_} and the key in upper case, with an underscore
     * for each dot and between a lower-case letter and the upper-case one after it.
     */
    public String environmentVariable() {
        return "HURUHURU_" + key.replaceAll("([a-z])([A-Z])", "$1_$2").replace('.', '_').toUpperCase(Locale.ROOT);
    }

    /** The value that applies when neither the file nor the environment sets the key; empty when there is none. */
    public Optional<String> defaultValue() {
        return Optional.ofNullable(defaultValue);
    }

    /** The key named {@code key} in a configuration file, if there is one. */
    public static Optional<ConfigKey> byKey(String key) {
        return Arrays.stream(values()).filter(k -> k.key.equals(key)).findFirst();
    }

    @Override
    public String toString() {
        return key;
    }
}
