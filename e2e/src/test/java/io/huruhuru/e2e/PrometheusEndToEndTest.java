package io.huruhuru.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.huruhuru.e2e.client.PrometheusServer;
import io.huruhuru.e2e.client.Umoci;
import io.huruhuru.e2e.image.Jq;
import io.huruhuru.e2e.registry.RegistryKind;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Debian's Prometheus scrapes the registry every second while skopeo pushes an image and podman and skopeo pull it;
 * PromQL over Prometheus's HTTP API then shows the counters moved by exactly what the clients did: one manifest push
 * stored, and the blob bytes pulled equal to the image's blob sizes for each pull.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class PrometheusEndToEndTest {

    private static final String REPOSITORY = "e2e/prometheus";
    private static final Duration SCRAPED = Duration.ofSeconds(30);
    private static final String STORED = "sum(huruhuru_manifest_pushes_total{job=\"huruhuru\",result=\"stored\"}) or vector(0)";
    private static final String BLOB_BYTES_PULLED = "sum(huruhuru_pulled_bytes_total{job=\"huruhuru\",kind=\"blob\"})";

    private E2eEnvironment env;
    private PrometheusServer prometheus;

    @RegisterExtension
    final RegistryLogOnFailure registryLogOnFailure = new RegistryLogOnFailure(() -> env);

    @BeforeAll
    void start() {
        Assumptions.assumeTrue(RegistryKind.fromSystemProperties() == RegistryKind.HURUHURU,
                "the metrics are Huruhuru's");
        env = E2eEnvironment.start();
        prometheus = PrometheusServer.start(env.directory("prometheus"), env.host());
        prometheus.awaitNextScrape();
        assertEquals(1.0, prometheus.value("up{job=\"huruhuru\"}"), prometheus::logText);
    }

    @AfterAll
    void stop() {
        if (prometheus != null) {
            prometheus.close();
        }
        if (env != null) {
            env.close();
        }
    }

    @Test
    void countersMoveByWhatRealClientsPushedAndPulled() throws IOException {
        // given an image in an OCI layout, pushed once with skopeo
        Path work = env.directory("prometheus-image");
        Path layout = work.resolve("layout");
        // random bytes, so that the layer stays about as large as the file after gzip
        byte[] noise = new byte[256 * 1024];
        new java.util.Random(18).nextBytes(noise);
        Path file = Files.write(work.resolve("noise.bin"), noise);
        Umoci.createImage(layout, "1", file, "/noise.bin");
        double storedBefore = prometheus.value(STORED);

        env.skopeo.copy("oci:" + layout + ":1", "docker://" + env.host() + "/" + REPOSITORY + ":1");

        double stored = prometheus.awaitValue(STORED, storedBefore + 1, SCRAPED);
        assertEquals(storedBefore + 1, stored, "one manifest push stored");
        print(STORED);

        // when podman pulls it, then skopeo copies it to a layout
        String manifest = env.skopeo.inspectRaw(env.host() + "/" + REPOSITORY + ":1");
        long blobBytes = Long.parseLong(Jq.string(manifest, ".config.size"));
        for (String size : Jq.lines(manifest, ".layers[].size")) {
            blobBytes += Long.parseLong(size);
        }
        prometheus.awaitNextScrape();
        double pulledBefore = prometheus.value(BLOB_BYTES_PULLED);

        env.podman.pull(env.host() + "/" + REPOSITORY + ":1");

        double afterPodman = prometheus.awaitValue(BLOB_BYTES_PULLED, pulledBefore + blobBytes, SCRAPED);
        assertEquals(pulledBefore + blobBytes, afterPodman, "podman pulled the config and the layers once");

        env.skopeo.copy("docker://" + env.host() + "/" + REPOSITORY + ":1", "oci:" + work.resolve("back") + ":1");

        double afterSkopeo = prometheus.awaitValue(BLOB_BYTES_PULLED, pulledBefore + 2 * blobBytes, SCRAPED);
        assertEquals(pulledBefore + 2 * blobBytes, afterSkopeo, "skopeo pulled them once more");
        print(BLOB_BYTES_PULLED);
        System.out.println("[e2e] blob bytes of the image (config and layers): " + blobBytes);

        // then the pulls are counted by route, and nothing failed with a 5xx
        double blobGets = prometheus.value(
                "sum(huruhuru_http_requests_total{job=\"huruhuru\",route=\"blob\",method=\"GET\",status=\"200\"})");
        assertEquals(2 * (1 + Jq.lines(manifest, ".layers[].size").size()), blobGets, "one GET per blob per pull");
        print("sum(huruhuru_http_requests_total{job=\"huruhuru\",route=\"blob\",method=\"GET\",status=\"200\"})");
        assertEquals(0.0, prometheus.value(
                "sum(huruhuru_http_requests_total{job=\"huruhuru\",status=~\"5..\"}) or vector(0)"));
        for (String query : List.of("huruhuru_build_info", "huruhuru_storage_blobs",
                "histogram_quantile(0.9, sum by (le) (rate(huruhuru_http_request_duration_seconds_bucket[1m])))")) {
            print(query);
        }
    }

    private void print(String query) {
        System.out.println("[e2e] PromQL " + query + "\n[e2e]   -> " + prometheus.query(query));
    }
}
