package io.huruhuru.e2e.deploy;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** The value sets the chart is linted and rendered with, each as the YAML file a user would pass with -f. */
enum ChartValues {
    DEFAULTS("{}\n"),
    EXISTING_SECRETS("""
            auth:
              htpasswd:
                enabled: true
                existingSecret: registry-users
                existingSecretKey: users
            signing:
              existingSecret: registry-signing
              existingSecretKey: key.pem
            tls:
              enabled: true
              existingSecret: registry-tls
            """),
    TLS_HTPASSWD_AND_SIGNING_KEY_GIVEN("""
            http:
              port: 5100
            tls:
              enabled: true
              port: 5543
              certificate: |
                -----BEGIN CERTIFICATE-----
                MIIBcertificate
                -----END CERTIFICATE-----
              key: |
                -----BEGIN PRIVATE KEY-----
                MIIEtlskey
                -----END PRIVATE KEY-----
            auth:
              htpasswd:
                enabled: true
                content: "alice:$2y$05$abcdefghijklmnopqrstuuXrL1v0sT6m1Qxv7CqvC0sP9o3d7Rlm2\\n"
            signing:
              key: |
                -----BEGIN PRIVATE KEY-----
                MIGHsigningkey
                -----END PRIVATE KEY-----
              keyId: ci-2026
            """),
    TLS_ONLY("""
            tls:
              enabled: true
              only: true
              existingSecret: registry-tls
            """),
    SERVICE_MONITOR_ON("""
            serviceMonitor:
              enabled: true
              interval: 15s
              labels:
                release: prometheus
            """),
    PERSISTENCE_SIZES("""
            persistence:
              size: 500Gi
              storageClassName: fast-ssd
            """),
    LOG_LEVEL_DEBUG("""
            config:
              log:
                level: debug
            """),
    MORE_RESOURCES("""
            resources:
              requests:
                cpu: "2"
                memory: 4Gi
              limits:
                memory: 4Gi
            """),
    REPLICAS_IN_WORDS("""
            replicaCount: two
            """);

    private final String yaml;

    ChartValues(String yaml) {
        this.yaml = yaml;
    }

    String yaml() {
        return yaml;
    }

    /** Writes the values file into {@code directory}; returns its path. */
    Path write(Path directory) {
        try {
            return Files.writeString(directory.resolve(name().toLowerCase(java.util.Locale.ROOT) + ".yaml"), yaml);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
