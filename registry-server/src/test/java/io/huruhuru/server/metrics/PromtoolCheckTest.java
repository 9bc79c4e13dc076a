package io.huruhuru.server.metrics;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.huruhuru.server.RunningRegistry;
import io.huruhuru.server.v2.ImageFixtureAccess;
import java.io.OutputStream;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Prometheus's own linter finds nothing to say about a scrape of a registry that has served every kind of request. */
class PromtoolCheckTest {

    private static final Path PROMTOOL = Path.of("/usr/bin/promtool");

    @RegisterExtension
    final RunningRegistry registry = new RunningRegistry();

    @Test
    void promtoolCheckMetricsIsClean() throws Exception {
        assumeTrue(Files.isExecutable(PROMTOOL), "promtool is not installed");
        byte[] manifest = ImageFixtureAccess.ociManifest(registry, "team/app", 1);
        registry.putManifest("team/app", "v1", "application/vnd.oci.image.manifest.v1+json", manifest);
        registry.get("/v2/team/app/manifests/v1");
        registry.get("/v2/_catalog");
        registry.get("/v2/team/app/tags/list");
        registry.get("/nowhere");
        registry.get("/readyz");
        HttpResponse<byte[]> scrape = registry.get("/metrics");

        Process promtool = new ProcessBuilder(PROMTOOL.toString(), "check", "metrics").redirectErrorStream(true)
                .start();
        try (OutputStream in = promtool.getOutputStream()) {
            in.write(scrape.body());
        }
        String said = new String(promtool.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        promtool.waitFor(30, TimeUnit.SECONDS);

        assertEquals("", said.strip(), "promtool check metrics");
        assertEquals(0, promtool.exitValue(), said);
    }
}
