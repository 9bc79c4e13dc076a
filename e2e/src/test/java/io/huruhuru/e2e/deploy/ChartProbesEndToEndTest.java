package io.huruhuru.e2e.deploy;

import static io.huruhuru.e2e.deploy.RenderedChart.at;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.huruhuru.e2e.process.Processes;
import io.huruhuru.e2e.registry.RegistryHttp;
import io.huruhuru.e2e.registry.RegistryKind;
import io.huruhuru.e2e.registry.RegistryProcess;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The chart's three probes ask a running registry (the built jar) for paths it really serves. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ChartProbesEndToEndTest {

    private Path work;
    private RegistryProcess registry;
    private RenderedChart chart;

    @BeforeAll
    void start() throws IOException {
        Helm helm = Helm.find().orElse(null);
        Assumptions.assumeTrue(helm != null, "neither " + Helm.ENVIRONMENT_VARIABLE + " nor helm on PATH");
        Assumptions.assumeTrue(RegistryKind.fromSystemProperties() == RegistryKind.HURUHURU,
                "the probes are Huruhuru's health endpoints");
        work = Files.createTempDirectory("hh-probes");
        chart = helm.render("hh", SourceTree.chart(), ChartValues.DEFAULTS.write(work));
        registry = RegistryProcess.start(RegistryKind.HURUHURU, work.resolve("registry"));
    }

    @AfterAll
    void stop() {
        if (registry != null) {
            registry.close();
        }
        if (work != null) {
            Processes.deleteRecursively(work);
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"startupProbe", "livenessProbe", "readinessProbe"})
    void theProbeAsksForAPathTheRegistryAnswersWith200(String probe) {
        String path = (String) at(chart.container(), probe, "httpGet", "path");
        String port = (String) at(chart.container(), probe, "httpGet", "port");

        int status = new RegistryHttp(registry).get(path, List.of()).statusCode();

        assertEquals(200, status, probe + " GET " + path);
        assertEquals("HTTP", at(chart.container(), probe, "httpGet", "scheme"));
        assertEquals(chart.containerPort("http"), chart.containerPort(port));
    }
}
