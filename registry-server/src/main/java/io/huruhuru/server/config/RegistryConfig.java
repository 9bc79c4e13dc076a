package io.huruhuru.server.config;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;

/**
 * The registry's whole configuration, read once at start-up by {@link ConfigLoader}.
 *
 * @param http where and how the HTTP API listens
 * @param storage where the data lives
 * @param log what is logged
 * @param validation how pushed koskit images are checked
 * @param signing the keys that sign accepted manifests, and the name they are signed under
 * @param security authentication, access rules, TLS and limits
 * @param gc when garbage is collected, and the retention and quota rules
 * @param operations where metrics are served and what readiness requires
 */
public record RegistryConfig(Http http, Storage storage, Log log, Validation validation, Signing signing,
        SecurityConfig security, Gc gc, Operations operations) {

    /** A configuration with the default {@link Operations}. */
    public RegistryConfig(Http http, Storage storage, Log log, Validation validation, Signing signing,
            SecurityConfig security, Gc gc) {
        this(http, storage, log, validation, signing, security, gc, Operations.DEFAULT);
    }

    /** The defaults of {@link ConfigKey}: RocksDB in {@code ./data}, listening on 127.0.0.1:5000. */
    public static RegistryConfig defaults() {
        return ConfigLoader.load(null, Map.of());
    }

    /**
     * @param listen host and port to bind
     * @param shutdownGrace how long requests in flight may run on after SIGTERM
     * @param maxManifestBytes the largest manifest accepted (distribution-spec: at least 4 MiB)
     */
    public record Http(Listen listen, Duration shutdownGrace, int maxManifestBytes) {
    }

    /**
     * @param dataDirectory the directory of the RocksDB database and the registry's keys
     * @param purgeUploadsAfter uploads started longer ago than this are deleted with their bytes; zero never deletes
     * @param purgeUploadsEvery how often to look for such uploads
     */
    public record Storage(Path dataDirectory, Duration purgeUploadsAfter, Duration purgeUploadsEvery) {

        public Storage {
            if (purgeUploadsAfter.isNegative()) {
                throw new IllegalArgumentException(ConfigKey.STORAGE_PURGE_UPLOADS_AFTER_HOURS + " must not be negative");
            }
            if (purgeUploadsEvery.isNegative() || purgeUploadsEvery.isZero()) {
                throw new IllegalArgumentException(ConfigKey.STORAGE_PURGE_UPLOADS_EVERY_MINUTES + " must be positive");
            }
        }
    }

    /**
     * @param level the root log level (error, warn, info, debug, trace)
     * @param accessLog whether one line per request is written to standard output
     * @param format how log lines are written, the access log's and the application's alike
     */
    public record Log(String level, boolean accessLog, LogFormat format) {

        /** Text lines. */
        public Log(String level, boolean accessLog) {
            this(level, accessLog, LogFormat.TEXT);
        }
    }

    /** How log lines are written: text for people, one JSON object per line for a log collector. */
    public enum LogFormat {
        TEXT,
        JSON;

        public static LogFormat parse(String text) {
            try {
                return valueOf(text.trim().toUpperCase(java.util.Locale.ROOT));
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException(ConfigKey.LOG_FORMAT + " must be text or json, got: " + text, e);
            }
        }
    }

    /**
     * @param metricsListen where {@code /metrics} is served on a port of its own; when empty, on the API's ports
     * @param minFreeDiskBytes {@code /readyz} fails while the data directory's disk has less free space than this
     * @param repositoryLabelTop how many repositories get their name in the opt-in {@code repository} label of the
     *     push and pull metrics, the first seen since start (the rest are {@code other}); 0: no such label
     */
    public record Operations(Optional<Listen> metricsListen, long minFreeDiskBytes, int repositoryLabelTop) {

        /** The defaults of {@link ConfigKey}: metrics on the API's port, a floor of 100 MiB, no repository label. */
        public static final Operations DEFAULT = new Operations(Optional.empty(), 100L << 20, 0);

        public Operations {
            if (minFreeDiskBytes < 0) {
                throw new IllegalArgumentException(ConfigKey.HEALTH_MIN_FREE_DISK_BYTES + " must not be negative");
            }
            if (repositoryLabelTop < 0 || repositoryLabelTop > 1000) {
                throw new IllegalArgumentException(ConfigKey.METRICS_REPOSITORY_LABEL_TOP + " must be 0 to 1000");
            }
        }

        /** Without a repository label. */
        public Operations(Optional<Listen> metricsListen, long minFreeDiskBytes) {
            this(metricsListen, minFreeDiskBytes, 0);
        }
    }

    /**
     * @param policy the budget policy file (YAML, see the validation module's README); without one, every koskit
     *     image is checked in {@code enforce} mode with no budget
     * @param readLayersOnUpload which uploads are read as their bytes arrive, so that validating the manifest pushed
     *     next does not read its layers again
     */
    public record Validation(Optional<Path> policy, LayerReading readLayersOnUpload,
            io.huruhuru.server.preview.RunBudget previewRuns) {

        public Validation(Optional<Path> policy, LayerReading readLayersOnUpload) {
            this(policy, readLayersOnUpload, io.huruhuru.server.preview.RunBudget.DEFAULT);
        }
    }

    /** Which uploads are read while they arrive (reading costs CPU, which a push of a non-koskit image need not pay). */
    public enum LayerReading {
        /** Uploads into a repository that a policy rule with a budget covers or that holds a koskit image already. */
        AUTO,
        ALWAYS,
        NEVER;

        public static LayerReading parse(String text) {
            try {
                return valueOf(text.trim().toUpperCase(java.util.Locale.ROOT));
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException(ConfigKey.VALIDATION_READ_LAYERS_ON_UPLOAD
                        + " must be auto, always or never, got: " + text, e);
            }
        }
    }

    /**
     * @param key the signing key (PKCS#8 PEM of an ECDSA P-256 key); when empty, the key that the registry generates in
     *     its data directory on first start ({@link #DEFAULT_KEY_FILE})
     * @param keyId the signing key's id; when empty, derived from its public key
     * @param retiredKeys keys that no longer sign but whose signatures still verify (served with the signing key)
     * @param registryName the registry's host (and port) in the signed {@code docker-reference}; when empty, the
     *     address and port that the push's connection reached (not the {@code Host} header, which the client chooses)
     */
    public record Signing(Optional<Path> key, Optional<String> keyId, java.util.List<RetiredKey> retiredKeys,
            Optional<String> registryName) {

        /** Where the generated signing key lives, relative to the data directory. */
        public static final Path DEFAULT_KEY_FILE = Path.of("keys", "signing-key.pem");

        public Signing {
            retiredKeys = java.util.List.copyOf(retiredKeys);
        }

        /** The key file that signs: the configured one, else the generated one in {@code dataDirectory}. */
        public Path keyFile(Path dataDirectory) {
            return key.orElse(dataDirectory.resolve(DEFAULT_KEY_FILE));
        }
    }

    /**
     * @param interval time between scheduled collections; zero schedules none (the admin endpoint still collects)
     * @param grace how long a blob stays unreferenced before a collection may delete it
     * @param batchSize how many deletions go into one atomic write of the sweep
     * @param policy the retention and quota file (YAML, see the README); without one nothing is retained away and
     *     there are no quotas
     */
    public record Gc(Duration interval, Duration grace, int batchSize, Optional<Path> policy) {

        public Gc {
            if (interval.isNegative()) {
                throw new IllegalArgumentException(ConfigKey.GC_INTERVAL_SECONDS + " must not be negative");
            }
            if (grace.isNegative()) {
                throw new IllegalArgumentException(ConfigKey.GC_GRACE_SECONDS + " must not be negative");
            }
            if (batchSize < 1) {
                throw new IllegalArgumentException(ConfigKey.GC_BATCH_SIZE + " must be positive");
            }
        }
    }

    /** A key that verifies but no longer signs: its id and its PEM file (public, or private of which the public half is used). */
    public record RetiredKey(String id, Path file) {

        /** Parses {@code ID=FILE,ID=FILE}, the form of {@link ConfigKey#SIGNING_RETIRED_KEYS}. */
        public static java.util.List<RetiredKey> parseList(String text) {
            java.util.List<RetiredKey> keys = new java.util.ArrayList<>();
            for (String item : text.split(",")) {
                if (item.isBlank()) {
                    continue;
                }
                String pair = item.strip();
                int equals = pair.indexOf('=');
                String id = equals < 0 ? "" : pair.substring(0, equals).strip();
                String file = equals < 0 ? "" : pair.substring(equals + 1).strip();
                if (id.isEmpty() || file.isEmpty()) {
                    throw new IllegalArgumentException(ConfigKey.SIGNING_RETIRED_KEYS
                            + " must be ID=FILE pairs separated by commas, got: " + pair);
                }
                keys.add(new RetiredKey(id, Path.of(file)));
            }
            return keys;
        }
    }

    /** A host and port to listen on, written {@code host:port} or {@code [v6]:port}. */
    public record Listen(String host, int port) {

        public Listen {
            if (port < 0 || port > 65535) {
                throw new IllegalArgumentException("port out of range: " + port);
            }
        }

        public static Listen parse(String text) {
            int colon = text.lastIndexOf(':');
            if (colon <= 0 || colon == text.length() - 1) {
                throw new IllegalArgumentException("listen address must be host:port, got: " + text);
            }
            String host = text.substring(0, colon);
            if (host.startsWith("[") && host.endsWith("]")) {
                host = host.substring(1, host.length() - 1);
            }
            try {
                return new Listen(host, Integer.parseInt(text.substring(colon + 1)));
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException("listen port is not a number: " + text, e);
            }
        }

        @Override
        public String toString() {
            return (host.contains(":") ? "[" + host + "]" : host) + ":" + port;
        }
    }

    public RegistryConfig withListen(Listen listen) {
        return new RegistryConfig(new Http(listen, http.shutdownGrace, http.maxManifestBytes), storage, log, validation,
                signing, security, gc, operations);
    }

    public RegistryConfig withDataDirectory(Path dataDirectory) {
        return new RegistryConfig(http, new Storage(dataDirectory, storage.purgeUploadsAfter,
                storage.purgeUploadsEvery), log, validation, signing, security, gc, operations);
    }

    public RegistryConfig withUploadPurge(Duration after, Duration every) {
        return new RegistryConfig(http, new Storage(storage.dataDirectory, after, every), log, validation, signing, security, gc, operations);
    }

    public RegistryConfig withPolicy(Path policy) {
        return new RegistryConfig(http, storage, log, new Validation(Optional.of(policy),
                validation.readLayersOnUpload(), validation.previewRuns()), signing, security, gc, operations);
    }

    public RegistryConfig withPreviewRuns(io.huruhuru.server.preview.RunBudget runs) {
        return new RegistryConfig(http, storage, log, new Validation(validation.policy(),
                validation.readLayersOnUpload(), runs), signing, security, gc, operations);
    }

    public RegistryConfig withLog(Log log) {
        return new RegistryConfig(http, storage, log, validation, signing, security, gc, operations);
    }

    public RegistryConfig withSigning(Signing signing) {
        return new RegistryConfig(http, storage, log, validation, signing, security, gc, operations);
    }

    public RegistryConfig withSecurity(SecurityConfig security) {
        return new RegistryConfig(http, storage, log, validation, signing, security, gc, operations);
    }

    public RegistryConfig withGc(Gc gc) {
        return new RegistryConfig(http, storage, log, validation, signing, security, gc, operations);
    }

    public RegistryConfig withOperations(Operations operations) {
        return new RegistryConfig(http, storage, log, validation, signing, security, gc, operations);
    }
}
