package io.huruhuru.e2e.deploy;

import static io.huruhuru.e2e.deploy.RenderedChart.at;
import static io.huruhuru.e2e.deploy.RenderedChart.list;
import static io.huruhuru.e2e.deploy.RenderedChart.map;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.huruhuru.e2e.process.CommandResult;
import io.huruhuru.e2e.process.Processes;
import io.huruhuru.server.config.ConfigLoader;
import io.huruhuru.server.config.RegistryConfig;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * The Helm chart rendered by helm itself with several value sets; the objects are parsed and checked against what
 * the registry really reads: the ConfigMap is loaded by the registry's own {@link ConfigLoader}, so a key the
 * registry does not know, a port that differs from the container's, or a file path that no mount provides fails.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class HelmChartTest {

    private static final String RELEASE = "hh";

    private Helm helm;
    private Path work;

    @BeforeAll
    void findHelm() throws IOException {
        helm = Helm.find().orElse(null);
        Assumptions.assumeTrue(helm != null,
                "neither " + Helm.ENVIRONMENT_VARIABLE + " nor helm on PATH (.ci/run fetches helm)");
        work = Files.createTempDirectory("hh-helm");
    }

    @AfterAll
    void clean() {
        if (work != null) {
            Processes.deleteRecursively(work);
        }
    }

    @ParameterizedTest
    @EnumSource(value = ChartValues.class, names = "REPLICAS_IN_WORDS", mode = EnumSource.Mode.EXCLUDE)
    void lintStrictPassesWithTheValueSet(ChartValues values) {
        CommandResult lint = helm.lint(SourceTree.chart(), values.write(work));

        assertTrue(lint.succeeded(), lint.describe());
        assertTrue(lint.stdout().contains("0 chart(s) failed"), lint.stdout());
    }

    @Test
    void schemaRejectsReplicasGivenInWords() {
        CommandResult template = helm.template(RELEASE, SourceTree.chart(), ChartValues.REPLICAS_IN_WORDS.write(work));

        assertFalse(template.succeeded(), template.describe());
        assertTrue(template.stderr().contains("replicaCount") && template.stderr().contains("Expected: integer"),
                template.stderr());
    }

    @Test
    void defaultsRenderAStatefulSetWithItsClaimServicesConfigMapAndDisruptionBudgetButNoSecretsNorMonitor() {
        RenderedChart chart = render(ChartValues.DEFAULTS);

        assertEquals("data", at(chart.statefulSet(), "spec", "volumeClaimTemplates", "0", "metadata", "name"));
        assertEquals("20Gi", at(chart.statefulSet(), "spec", "volumeClaimTemplates", "0", "spec", "resources",
                "requests", "storage"));
        assertEquals(2, chart.all("Service").size());
        assertEquals(1, chart.all("ConfigMap").size());
        assertEquals(1, chart.all("PodDisruptionBudget").size());
        assertEquals(List.of(), chart.all("Secret"));
        assertEquals(List.of(), chart.all("ServiceMonitor"));
        assertEquals(RELEASE + "-huruhuru-headless", at(chart.statefulSet(), "spec", "serviceName"));
    }

    @ParameterizedTest
    @EnumSource(value = ChartValues.class, names = {"DEFAULTS", "TLS_HTPASSWD_AND_SIGNING_KEY_GIVEN"})
    void theRegistryLoadsTheConfigMapAndListensOnTheContainerPortWithItsDataOnTheClaim(ChartValues values)
            throws IOException {
        RenderedChart chart = render(values);

        RegistryConfig config = load(chart);

        assertEquals("0.0.0.0", config.http().listen().host());
        assertEquals(chart.containerPort("http"), config.http().listen().port());
        assertEquals(Path.of(chart.mountPath("data")), config.storage().dataDirectory());
        assertEquals(List.of("serve", "--config", chart.mountPath("config") + "/config.yaml"),
                chart.container().get("args"));
        Map<String, Object> service = chart.find("Service", RELEASE + "-huruhuru").orElseThrow();
        assertEquals("http", at(service, "spec", "ports", "0", "targetPort"));
    }

    @Test
    void givenSecretsAreRenderedAndMountedWhereTheConfigurationReadsThem() throws IOException {
        RenderedChart chart = render(ChartValues.TLS_HTPASSWD_AND_SIGNING_KEY_GIVEN);

        RegistryConfig config = load(chart);

        Path htpasswd = config.security().auth().htpasswd().orElseThrow();
        assertEquals(mountedFile(chart, "htpasswd", "htpasswd"), htpasswd);
        assertTrue(secretData(chart, "htpasswd", "htpasswd").startsWith("alice:$2y$05$"));
        Path signingKey = config.signing().key().orElseThrow();
        assertEquals(mountedFile(chart, "signing", "signing-key.pem"), signingKey);
        assertTrue(secretData(chart, "signing", "signing-key.pem").contains("MIGHsigningkey"));
        assertEquals("ci-2026", config.signing().keyId().orElseThrow());
        RegistryConfig.Listen tlsListen = config.security().tls().orElseThrow().listen();
        assertEquals(chart.containerPort("https"), tlsListen.port());
        assertEquals(mountedFile(chart, "tls", "tls.crt"), config.security().tls().orElseThrow().certificate());
        assertEquals(mountedFile(chart, "tls", "tls.key"), config.security().tls().orElseThrow().key());
        assertTrue(secretData(chart, "tls", "tls.key").contains("MIIEtlskey"));
        assertEquals("kubernetes.io/tls", chart.find("Secret", RELEASE + "-huruhuru-tls").orElseThrow().get("type"));
    }

    @Test
    void existingSecretsAreMountedUnderTheirOwnKeysAndNoneIsRendered() throws IOException {
        RenderedChart chart = render(ChartValues.EXISTING_SECRETS);

        RegistryConfig config = load(chart);

        assertEquals(List.of(), chart.all("Secret"));
        assertEquals("registry-users", at(chart.volume("htpasswd"), "secret", "secretName"));
        assertEquals("users", at(chart.volume("htpasswd"), "secret", "items", "0", "key"));
        assertEquals(mountedFile(chart, "htpasswd", "htpasswd"), config.security().auth().htpasswd().orElseThrow());
        assertEquals("registry-signing", at(chart.volume("signing"), "secret", "secretName"));
        assertEquals("key.pem", at(chart.volume("signing"), "secret", "items", "0", "key"));
        assertEquals(mountedFile(chart, "signing", "signing-key.pem"), config.signing().key().orElseThrow());
        assertEquals("registry-tls", at(chart.volume("tls"), "secret", "secretName"));
        assertEquals(mountedFile(chart, "tls", "tls.crt"), config.security().tls().orElseThrow().certificate());
    }

    @Test
    void tlsOnlyTurnsThePlainPortOffAndProbesOverHttpsOnTheTlsPort() throws IOException {
        RenderedChart chart = render(ChartValues.TLS_ONLY);

        RegistryConfig config = load(chart);

        assertFalse(config.security().plainHttp());
        assertEquals(chart.containerPort("https"), config.security().tls().orElseThrow().listen().port());
        for (String probe : List.of("startupProbe", "livenessProbe", "readinessProbe")) {
            assertEquals("HTTPS", at(chart.container(), probe, "httpGet", "scheme"), probe);
            assertEquals("https", at(chart.container(), probe, "httpGet", "port"), probe);
        }
        List<?> servicePorts = list(at(chart.find("Service", RELEASE + "-huruhuru").orElseThrow(), "spec", "ports"));
        assertEquals(1, servicePorts.size());
        assertEquals("https", at(servicePorts.get(0), "targetPort"));
    }

    @Test
    void thePodRunsAsNonRootWithAReadOnlyRootFilesystemAndWritableDataAndTmp() {
        RenderedChart chart = render(ChartValues.DEFAULTS);

        Map<String, Object> pod = map(chart.podSpec().get("securityContext"));
        Map<String, Object> container = map(chart.container().get("securityContext"));

        assertEquals(true, pod.get("runAsNonRoot"));
        assertNotEquals(0, pod.get("runAsUser"));
        assertEquals(65532, pod.get("fsGroup"));
        // Always would make the keys the registry generated in the volume group-readable, and then refused.
        assertEquals("OnRootMismatch", pod.get("fsGroupChangePolicy"));
        assertEquals(true, container.get("readOnlyRootFilesystem"));
        assertEquals(false, container.get("allowPrivilegeEscalation"));
        assertEquals(List.of("ALL"), at(container, "capabilities", "drop"));
        assertEquals("/tmp", chart.mountPath("tmp"));
        assertTrue(chart.volume("tmp").containsKey("emptyDir"));
        assertEquals("/var/lib/huruhuru", chart.mountPath("data"));
    }

    @Test
    void checksumAnnotationChangesWithTheConfigurationAndOnlyWithIt() {
        String defaults = checksum(render(ChartValues.DEFAULTS));
        String debug = checksum(render(ChartValues.LOG_LEVEL_DEBUG));
        String moreResources = checksum(render(ChartValues.MORE_RESOURCES));

        assertTrue(defaults.matches("[0-9a-f]{64}"), defaults);
        assertNotEquals(defaults, debug);
        assertEquals(defaults, moreResources);
    }

    @Test
    void persistenceSizeAndStorageClassReachTheClaimTemplate() {
        RenderedChart chart = render(ChartValues.PERSISTENCE_SIZES);

        Map<String, Object> claim = map(at(chart.statefulSet(), "spec", "volumeClaimTemplates", "0", "spec"));

        assertEquals("500Gi", at(claim, "resources", "requests", "storage"));
        assertEquals("fast-ssd", claim.get("storageClassName"));
        assertEquals(List.of("ReadWriteOnce"), claim.get("accessModes"));
    }

    @Test
    void serviceMonitorScrapesMetricsOnTheMainServiceOnly() {
        RenderedChart chart = render(ChartValues.SERVICE_MONITOR_ON);

        Map<String, Object> monitor = chart.one("ServiceMonitor");
        Map<String, Object> matchLabels = map(at(monitor, "spec", "selector", "matchLabels"));
        List<Map<String, Object>> selected = chart.all("Service").stream()
                .filter(service -> map(at(service, "metadata", "labels")).entrySet()
                        .containsAll(matchLabels.entrySet()))
                .toList();

        assertEquals(List.of(RELEASE + "-huruhuru"), selected.stream().map(s -> at(s, "metadata", "name")).toList());
        assertEquals("/metrics", at(monitor, "spec", "endpoints", "0", "path"));
        assertEquals("15s", at(monitor, "spec", "endpoints", "0", "interval"));
        assertEquals("prometheus", at(monitor, "metadata", "labels", "release"));
        String port = (String) at(monitor, "spec", "endpoints", "0", "port");
        assertTrue(list(at(selected.get(0), "spec", "ports")).stream().anyMatch(p -> port.equals(at(p, "name"))),
                "the monitor's port " + port + " is a port of the Service");
    }

    private RenderedChart render(ChartValues values) {
        return helm.render(RELEASE, SourceTree.chart(), values.write(work));
    }

    private RegistryConfig load(RenderedChart chart) throws IOException {
        Path file = Files.writeString(Files.createTempFile(work, "config", ".yaml"), chart.configFile());
        return ConfigLoader.load(file, Map.of());
    }

    private static Path mountedFile(RenderedChart chart, String volume, String item) {
        List<?> items = list(at(chart.volume(volume), "secret", "items"));
        assertTrue(items.stream().anyMatch(i -> item.equals(at(i, "path"))), volume + " projects " + item);
        return Path.of(chart.mountPath(volume), item);
    }

    private static String secretData(RenderedChart chart, String volume, String key) {
        String secretName = (String) at(chart.volume(volume), "secret", "secretName");
        Map<String, Object> secret = chart.find("Secret", secretName)
                .orElseThrow(() -> new AssertionError("no Secret " + secretName));
        return new String(Base64.getDecoder().decode((String) at(secret, "data", key)), StandardCharsets.UTF_8);
    }

    private static String checksum(RenderedChart chart) {
        return (String) at(chart.statefulSet(), "spec", "template", "metadata", "annotations", "checksum/config");
    }
}
