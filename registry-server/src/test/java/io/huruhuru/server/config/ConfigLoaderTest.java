package io.huruhuru.server.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ConfigLoaderTest {

    @TempDir
    Path dir;

    @Test
    void defaultsWithoutFileOrEnvironment() {
        RegistryConfig config = ConfigLoader.load(null, Map.of());

        assertEquals(RegistryConfig.defaults(), config);
        assertEquals("127.0.0.1:5000", config.http().listen().toString());
        assertEquals(Path.of("data"), config.storage().dataDirectory());
    }

    @Test
    void fileOverridesDefaultsAndEnvironmentOverridesFile() throws Exception {
        Path file = Files.writeString(dir.resolve("huruhuru.yaml"), """
                http:
                  listen: 0.0.0.0:6000
                  shutdownGraceSeconds: 30
                storage:
                  data: /var/lib/huruhuru
                log:
                  level: WARN
                """);

        RegistryConfig config = ConfigLoader.load(file, Map.of("HURUHURU_HTTP_LISTEN", "[::1]:7000", "HURUHURU_LOG_ACCESS", "false"));

        assertEquals("::1", config.http().listen().host());
        assertEquals(7000, config.http().listen().port());
        assertEquals(Duration.ofSeconds(30), config.http().shutdownGrace());
        assertEquals(Path.of("/var/lib/huruhuru"), config.storage().dataDirectory());
        assertEquals("warn", config.log().level());
        assertEquals(false, config.log().accessLog());
    }

    @Test
    void uploadPurgingDefaultsToAWeekHourlyAndCanBeTurnedOff() throws Exception {
        RegistryConfig.Storage defaults = ConfigLoader.load(null, Map.of()).storage();
        assertEquals(Duration.ofDays(7), defaults.purgeUploadsAfter());
        assertEquals(Duration.ofHours(1), defaults.purgeUploadsEvery());

        Path file = Files.writeString(dir.resolve("purge.yaml"), """
                storage:
                  purgeUploadsAfterHours: 24
                  purgeUploadsEveryMinutes: 5
                """);
        RegistryConfig.Storage configured = ConfigLoader.load(file, Map.of()).storage();
        assertEquals(Duration.ofHours(24), configured.purgeUploadsAfter());
        assertEquals(Duration.ofMinutes(5), configured.purgeUploadsEvery());
        assertEquals(Duration.ZERO, ConfigLoader.load(file,
                Map.of("HURUHURU_STORAGE_PURGE_UPLOADS_AFTER_HOURS", "0")).storage().purgeUploadsAfter());

        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> ConfigLoader.load(null,
                Map.of("HURUHURU_STORAGE_PURGE_UPLOADS_EVERY_MINUTES", "0")));
        assertTrue(e.getMessage().contains("storage.purgeUploadsEveryMinutes"), e.getMessage());
    }

    @org.junit.jupiter.params.ParameterizedTest
    @org.junit.jupiter.params.provider.ValueSource(strings = {"yes", "no", "on", "1", "ture"})
    void aBooleanOtherThanTrueOrFalseIsAnErrorInTheFileAndTheEnvironment(String value) throws Exception {
        Path file = Files.writeString(dir.resolve("config.yaml"), "http:\n  plain: " + value + "\n");

        IllegalArgumentException inFile = assertThrows(IllegalArgumentException.class,
                () -> ConfigLoader.load(file, Map.of()));
        IllegalArgumentException inEnvironment = assertThrows(IllegalArgumentException.class,
                () -> ConfigLoader.load(null, Map.of("HURUHURU_LOG_ACCESS", value)));

        assertTrue(inFile.getMessage().contains("http.plain must be true or false"), inFile.getMessage());
        assertTrue(inEnvironment.getMessage().contains("log.access must be true or false"),
                inEnvironment.getMessage());
    }

    @Test
    void trueAndFalseAreBooleansInTheFile() throws Exception {
        Path file = Files.writeString(dir.resolve("config.yaml"), "log:\n  access: false\n");

        assertEquals(false, ConfigLoader.load(file, Map.of()).log().accessLog());
    }

    @org.junit.jupiter.params.ParameterizedTest
    @org.junit.jupiter.params.provider.ValueSource(strings = {"NaN", "Infinity", "-1"})
    void aRequestRateThatIsNotAFiniteNonNegativeNumberIsRefused(String value) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> ConfigLoader.load(null, Map.of("HURUHURU_LIMITS_REQUESTS_PER_SECOND", value)));

        assertTrue(e.getMessage().contains("limits.requestsPerSecond"), e.getMessage());
    }

    @Test
    void anExternalIssuerNamedLikeTheRegistrysOwnIsRefused() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> ConfigLoader.load(null,
                Map.of("HURUHURU_AUTH_TOKEN_EXTERNAL_ISSUER", "huruhuru", "HURUHURU_AUTH_TOKEN_EXTERNAL_JWKS",
                        dir.resolve("jwks.json").toString())));

        assertTrue(e.getMessage().contains("auth.token.externalIssuer must differ from auth.token.issuer"),
                e.getMessage());
    }

    @Test
    void unknownKeyIsRefusedWithTheKnownOnes() throws Exception {
        Path file = Files.writeString(dir.resolve("bad.yaml"), "http:\n  lisen: 1.2.3.4:5\n");

        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> ConfigLoader.load(file, Map.of()));

        assertTrue(e.getMessage().contains("[http.lisen]") && e.getMessage().contains("http.listen"), e.getMessage());
    }

    @Test
    void malformedValuesAreNamed() {
        assertThrows(IllegalArgumentException.class,
                () -> ConfigLoader.load(null, Map.of("HURUHURU_HTTP_LISTEN", "nohostport")));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> ConfigLoader.load(null, Map.of("HURUHURU_HTTP_SHUTDOWN_GRACE_SECONDS", "soon")));
        assertTrue(e.getMessage().startsWith("http.shutdownGraceSeconds"), e.getMessage());
    }

    @Test
    void environmentNamesFollowTheKeys() {
        assertEquals("HURUHURU_HTTP_MAX_MANIFEST_BYTES", ConfigKey.HTTP_MAX_MANIFEST_BYTES.environmentVariable());
        assertEquals("HURUHURU_STORAGE_DATA", ConfigKey.STORAGE_DATA.environmentVariable());
        assertEquals("HURUHURU_VALIDATION_READ_LAYERS_ON_UPLOAD",
                ConfigKey.VALIDATION_READ_LAYERS_ON_UPLOAD.environmentVariable());
    }

    @Test
    void everyKeyHasItsDocumentedDefault() {
        RegistryConfig config = ConfigLoader.load(null, Map.of());

        assertEquals(Duration.ofSeconds(10), config.http().shutdownGrace());
        assertEquals(4 * 1024 * 1024, config.http().maxManifestBytes());
        assertEquals(new RegistryConfig.Log("info", true, RegistryConfig.LogFormat.TEXT), config.log());
        assertEquals(RegistryConfig.LayerReading.AUTO, config.validation().readLayersOnUpload());
        assertEquals(new RegistryConfig.Operations(java.util.Optional.empty(), 104857600), config.operations());
    }

    @Test
    void everyKeyIsReadFromItsEnvironmentVariable() {
        Map<String, String> environment = Map.ofEntries(
                Map.entry("HURUHURU_HTTP_LISTEN", "0.0.0.0:6000"),
                Map.entry("HURUHURU_HTTP_SHUTDOWN_GRACE_SECONDS", "3"),
                Map.entry("HURUHURU_HTTP_MAX_MANIFEST_BYTES", "8388608"),
                Map.entry("HURUHURU_STORAGE_DATA", "/srv/huruhuru"),
                Map.entry("HURUHURU_STORAGE_PURGE_UPLOADS_AFTER_HOURS", "2"),
                Map.entry("HURUHURU_STORAGE_PURGE_UPLOADS_EVERY_MINUTES", "7"),
                Map.entry("HURUHURU_LOG_LEVEL", "debug"),
                Map.entry("HURUHURU_LOG_ACCESS", "false"),
                Map.entry("HURUHURU_VALIDATION_POLICY", "policy.yaml"),
                Map.entry("HURUHURU_VALIDATION_READ_LAYERS_ON_UPLOAD", "never"),
                Map.entry("HURUHURU_SIGNING_KEY", "/etc/huruhuru/key.pem"),
                Map.entry("HURUHURU_SIGNING_KEY_ID", "k1"),
                Map.entry("HURUHURU_SIGNING_RETIRED_KEYS", "k0=/etc/huruhuru/old.pem"),
                Map.entry("HURUHURU_SIGNING_REGISTRY_NAME", "registry.example"),
                Map.entry("HURUHURU_GC_INTERVAL_SECONDS", "0"),
                Map.entry("HURUHURU_GC_GRACE_SECONDS", "120"),
                Map.entry("HURUHURU_GC_BATCH_SIZE", "50"),
                Map.entry("HURUHURU_GC_POLICY", "gc.yaml"),
                Map.entry("HURUHURU_LOG_FORMAT", "json"),
                Map.entry("HURUHURU_METRICS_LISTEN", "0.0.0.0:9100"),
                Map.entry("HURUHURU_HEALTH_MIN_FREE_DISK_BYTES", "1024"),
                Map.entry("HURUHURU_METRICS_REPOSITORY_LABEL_TOP", "20"));

        RegistryConfig config = ConfigLoader.load(null, environment);

        assertEquals(new RegistryConfig(
                new RegistryConfig.Http(RegistryConfig.Listen.parse("0.0.0.0:6000"), Duration.ofSeconds(3), 8388608),
                new RegistryConfig.Storage(Path.of("/srv/huruhuru"), Duration.ofHours(2), Duration.ofMinutes(7)),
                new RegistryConfig.Log("debug", false, RegistryConfig.LogFormat.JSON),
                new RegistryConfig.Validation(java.util.Optional.of(Path.of("policy.yaml")),
                        RegistryConfig.LayerReading.NEVER),
                new RegistryConfig.Signing(java.util.Optional.of(Path.of("/etc/huruhuru/key.pem")),
                        java.util.Optional.of("k1"),
                        java.util.List.of(new RegistryConfig.RetiredKey("k0", Path.of("/etc/huruhuru/old.pem"))),
                        java.util.Optional.of("registry.example")), SecurityConfig.open(),
                new RegistryConfig.Gc(Duration.ZERO, Duration.ofMinutes(2), 50,
                        java.util.Optional.of(Path.of("gc.yaml"))),
                new RegistryConfig.Operations(java.util.Optional.of(RegistryConfig.Listen.parse("0.0.0.0:9100")),
                        1024, 20)), config);
    }

    @Test
    void aLogFormatOtherThanTextOrJsonAndANegativeDiskFloorAreRefusedWithTheirKeys() {
        IllegalArgumentException format = assertThrows(IllegalArgumentException.class,
                () -> ConfigLoader.load(null, Map.of("HURUHURU_LOG_FORMAT", "xml")));
        IllegalArgumentException floor = assertThrows(IllegalArgumentException.class,
                () -> ConfigLoader.load(null, Map.of("HURUHURU_HEALTH_MIN_FREE_DISK_BYTES", "-1")));

        assertTrue(format.getMessage().startsWith("log.format must be text or json"), format.getMessage());
        assertTrue(floor.getMessage().startsWith("health.minFreeDiskBytes"), floor.getMessage());
    }

    @Test
    void maxManifestBytesBeyondAnIntIsRefusedWithItsKey() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> ConfigLoader.load(null, Map.of("HURUHURU_HTTP_MAX_MANIFEST_BYTES", "4294967296")));

        assertTrue(e.getMessage().startsWith("http.maxManifestBytes"), e.getMessage());
    }

    @Test
    void validationPolicyComesFromFileOrEnvironment() throws Exception {
        Path file = Files.writeString(dir.resolve("huruhuru.yaml"), "validation:\n  policy: /etc/huruhuru/policy.yaml\n");

        assertEquals(java.util.Optional.of(Path.of("/etc/huruhuru/policy.yaml")),
                ConfigLoader.load(file, Map.of()).validation().policy());
        assertEquals(java.util.Optional.of(Path.of("p.yaml")),
                ConfigLoader.load(file, Map.of("HURUHURU_VALIDATION_POLICY", "p.yaml")).validation().policy());
        assertEquals(java.util.Optional.empty(), ConfigLoader.load(null, Map.of()).validation().policy());
    }

    @Test
    void registryDoesNotStartWithAnInvalidPolicy() throws Exception {
        Path policy = Files.writeString(dir.resolve("policy.yaml"), "rules:\n  - repositories: [\"kos/**\"]\n    mode: strict\n");
        RegistryConfig config = RegistryConfig.defaults().withListen(RegistryConfig.Listen.parse("127.0.0.1:0"))
                .withDataDirectory(dir.resolve("data")).withPolicy(policy);

        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> io.huruhuru.server.Registry.start(config));

        assertTrue(e.getMessage().startsWith("invalid validation policy " + policy), e.getMessage());
    }

    @Test
    void signingKeysAndTheRegistryNameAreRead() throws Exception {
        Path file = Files.writeString(dir.resolve("huruhuru.yaml"), """
                storage:
                  data: /var/lib/huruhuru
                signing:
                  key: /etc/huruhuru/key.pem
                  keyId: key-2026
                  retiredKeys: "key-2025=/etc/huruhuru/old.pem, key-2024=/etc/huruhuru/older.pem"
                  registryName: registry.example:5000
                """);

        RegistryConfig.Signing signing = ConfigLoader.load(file, Map.of()).signing();

        assertEquals(Path.of("/etc/huruhuru/key.pem"), signing.keyFile(Path.of("/var/lib/huruhuru")));
        assertEquals("key-2026", signing.keyId().orElseThrow());
        assertEquals(java.util.List.of(new RegistryConfig.RetiredKey("key-2025", Path.of("/etc/huruhuru/old.pem")),
                new RegistryConfig.RetiredKey("key-2024", Path.of("/etc/huruhuru/older.pem"))), signing.retiredKeys());
        assertEquals("registry.example:5000", signing.registryName().orElseThrow());
    }

    @Test
    void withoutASigningKeyTheGeneratedOneInTheDataDirectorySigns() {
        RegistryConfig.Signing signing = ConfigLoader.load(null, Map.of()).signing();

        assertEquals(Path.of("data", "keys", "signing-key.pem"), signing.keyFile(Path.of("data")));
        assertTrue(signing.retiredKeys().isEmpty());
    }

    @Test
    void aRetiredKeyWithoutAnIdIsRefused() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> ConfigLoader.load(null, Map.of("HURUHURU_SIGNING_RETIRED_KEYS", "/etc/old.pem")));

        assertEquals("signing.retiredKeys must be ID=FILE pairs separated by commas, got: /etc/old.pem",
                e.getMessage());
    }

    @Test
    void aRetiredKeyWithoutAFileIsRefused() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> ConfigLoader.load(null, Map.of("HURUHURU_SIGNING_RETIRED_KEYS", "a=/etc/a.pem, k2= ")));

        assertEquals("signing.retiredKeys must be ID=FILE pairs separated by commas, got: k2=", e.getMessage());
    }

    @Test
    void previewRunBudgetsComeFromTheEnvironmentAndDefaultToTheirConstants() {
        RegistryConfig config = ConfigLoader.load(null, Map.of("HURUHURU_PREVIEW_RUN_BUDGET", "2000",
                "HURUHURU_PREVIEW_MAX_RUN_BUDGET", "3000"));

        assertEquals(new io.huruhuru.server.preview.RunBudget(2000, 3000), config.validation().previewRuns());
        assertEquals(io.huruhuru.server.preview.RunBudget.DEFAULT,
                ConfigLoader.load(null, Map.of()).validation().previewRuns());
    }

    @Test
    void aDefaultRunBudgetAboveTheMaximumIsRefusedNamingBothKeys() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> ConfigLoader.load(null,
                Map.of("HURUHURU_PREVIEW_RUN_BUDGET", "5000", "HURUHURU_PREVIEW_MAX_RUN_BUDGET", "4000")));

        assertTrue(e.getMessage().contains("preview.runBudget") && e.getMessage().contains("preview.maxRunBudget"),
                e.getMessage());
    }
}
