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
 * @param security authentication, access rules, TLS and limits
 */
public record RegistryConfig(Http http, Storage storage, Log log, Validation validation, SecurityConfig security) {

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
     */
    public record Log(String level, boolean accessLog) {
    }

    /**
     * @param policy the budget policy file (YAML, see the validation module's README); without one, every koskit
     *     image is checked in {@code enforce} mode with no budget
     * @param readLayersOnUpload which uploads are read as their bytes arrive, so that validating the manifest pushed
     *     next does not read its layers again
     */
    public record Validation(Optional<Path> policy, LayerReading readLayersOnUpload) {
    }

    /** Which uploads are read while they arrive (reading costs CPU, which a push of a non-koskit image need not pay). */
    public enum LayerReading {
        /** Uploads into a repository that a policy rule covers or that holds a koskit image already. */
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
        return new RegistryConfig(new Http(listen, http.shutdownGrace, http.maxManifestBytes), storage, log, validation, security);
    }

    public RegistryConfig withDataDirectory(Path dataDirectory) {
        return new RegistryConfig(http, new Storage(dataDirectory, storage.purgeUploadsAfter,
                storage.purgeUploadsEvery), log, validation, security);
    }

    public RegistryConfig withUploadPurge(Duration after, Duration every) {
        return new RegistryConfig(http, new Storage(storage.dataDirectory, after, every), log, validation, security);
    }

    public RegistryConfig withPolicy(Path policy) {
        return new RegistryConfig(http, storage, log, new Validation(Optional.of(policy),
                validation.readLayersOnUpload()), security);
    }

    public RegistryConfig withLog(Log log) {
        return new RegistryConfig(http, storage, log, validation, security);
    }

    public RegistryConfig withSecurity(SecurityConfig security) {
        return new RegistryConfig(http, storage, log, validation, security);
    }
}
