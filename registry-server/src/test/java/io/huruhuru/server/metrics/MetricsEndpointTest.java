package io.huruhuru.server.metrics;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.huruhuru.server.RunningRegistry;
import io.huruhuru.server.v2.ImageFixtureAccess;
import io.huruhuru.validation.fixture.TestImage;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** {@code GET /metrics}: the Prometheus text format, and counters that move by what requests did. */
class MetricsEndpointTest {

    private static final String OCI_MANIFEST = "application/vnd.oci.image.manifest.v1+json";

    @RegisterExtension
    final RunningRegistry registry = new RunningRegistry();

    @Test
    void metricsAreServedInThePrometheusTextFormatWithTheBuildAndTheJvm() {
        HttpResponse<byte[]> response = registry.get("/metrics");

        assertEquals(200, response.statusCode());
        assertEquals(MetricsEndpoint.CONTENT_TYPE, response.headers().firstValue("Content-Type").orElseThrow());
        Scrape scrape = Scrape.parse(RunningRegistry.text(response));
        Scrape.Sample build = scrape.samples().stream().filter(s -> s.name().equals("huruhuru_build_info"))
                .findFirst().orElseThrow();
        assertEquals(1.0, build.value());
        assertTrue(build.labels().get("version").matches("\\d+\\.\\d+\\.\\d+.*"), build.labels().toString());
        assertTrue(build.labels().get("commit").matches("[0-9a-f]{7,40}|unknown"), build.labels().toString());
        assertTrue(scrape.value("jvm_memory_used_bytes") > 0);
        assertTrue(scrape.value("process_uptime_seconds") >= 0);
        assertEquals(0, scrape.value("huruhuru_gc_runs_total"));
    }

    @Test
    void aBlobPushAndPullCountTheirBytesAndEachRequestByRouteMethodAndStatus() {
        byte[] blob = "twelve bytes".getBytes(StandardCharsets.UTF_8);
        String digest = registry.pushBlob("team/app", blob);

        HttpResponse<byte[]> pulled = registry.get("/v2/team/app/blobs/" + digest);
        registry.get("/v2/team/app/blobs/" + digest);

        assertEquals(200, pulled.statusCode());
        Scrape scrape = Scrape.until(registry, s -> s.valueOrZero("huruhuru_http_requests_total", "route", "blob") >= 2);
        assertEquals(2, scrape.value("huruhuru_http_requests_total", "route", "blob", "method", "GET", "status", "200"));
        assertEquals(1, scrape.value("huruhuru_http_requests_total", "route", "blob_upload", "method", "POST",
                "status", "201"));
        assertEquals(2 * blob.length, scrape.value("huruhuru_pulled_bytes_total", "kind", "blob"));
        assertEquals(blob.length, scrape.value("huruhuru_pushed_bytes_total", "kind", "blob"));
        assertEquals(2, scrape.value("huruhuru_http_request_duration_seconds_count", "route", "blob",
                "method", "GET"));
        assertEquals(2, scrape.value("huruhuru_http_request_duration_seconds_bucket", "route", "blob",
                "method", "GET", "le", "+Inf"));
        assertEquals(2 * blob.length, scrape.value("huruhuru_http_response_size_bytes_sum", "route", "blob"));
    }

    @Test
    void labelsNeverCarryARepositoryTagDigestOrPath() {
        byte[] manifest = ImageFixtureAccess.ociManifest(registry, "secret/repository-name", 7);
        registry.putManifest("secret/repository-name", "tag-never-labelled", OCI_MANIFEST, manifest);
        registry.get("/v2/secret/repository-name/manifests/tag-never-labelled");
        registry.get("/no/such/path/anywhere");

        Scrape scrape = Scrape.until(registry, s -> s.valueOrZero("huruhuru_http_requests_total", "route", "other",
                "status", "404") >= 1);

        assertFalse(scrape.text().contains("repository-name"), "a repository in the labels");
        assertFalse(scrape.text().contains("tag-never-labelled"), "a tag in the labels");
        assertFalse(scrape.text().contains("sha256:"), "a digest in the labels");
        assertFalse(scrape.text().contains("/no/such"), "a path in the labels");
    }

    @Test
    void manifestPushesAreCountedByResultAndMediaType() {
        byte[] manifest = ImageFixtureAccess.ociManifest(registry, "team/app", 1);
        assertEquals(201, registry.putManifest("team/app", "v1", OCI_MANIFEST, manifest).statusCode());
        assertEquals(400, registry.putManifest("team/app", "v2", OCI_MANIFEST,
                "{not json".getBytes(StandardCharsets.UTF_8)).statusCode());
        TestImage refused = TestImage.hello().label("com.koskit.app.spec.priority", "200");
        refused.blobs().values().forEach(blob -> registry.pushBlob("kos/app", blob));
        HttpResponse<byte[]> put = registry.putManifest("kos/app", "v1", refused.manifestMediaType(),
                refused.manifestBytes());
        assertEquals(400, put.statusCode());

        Scrape scrape = Scrape.until(registry, s -> s.valueOrZero("huruhuru_manifest_pushes_total") >= 3);

        assertEquals(1, scrape.value("huruhuru_manifest_pushes_total", "result", "stored", "media_type",
                OCI_MANIFEST));
        assertEquals(1, scrape.value("huruhuru_manifest_pushes_total", "result", "invalid", "media_type",
                OCI_MANIFEST));
        assertEquals(1, scrape.value("huruhuru_manifest_pushes_total", "result", "refused_by_validation",
                "media_type", refused.manifestMediaType()));
        assertEquals(3, scrape.value("huruhuru_manifest_pushes_total"));
        assertEquals(1, scrape.value("huruhuru_validation_duration_seconds_count", "outcome", "rejected"));
        assertEquals(1, scrape.value("huruhuru_validation_duration_seconds_count", "outcome", "not_koskit"));
        assertEquals(manifest.length, scrape.value("huruhuru_pushed_bytes_total", "kind", "manifest"));
    }

    @Test
    void anAcceptedKoskitPushIsValidatedAndSigned() {
        TestImage image = TestImage.hello();
        image.blobs().values().forEach(blob -> registry.pushBlob("kos/hello", blob));

        HttpResponse<byte[]> put = registry.putManifest("kos/hello", "1.0", image.manifestMediaType(),
                image.manifestBytes());

        assertEquals(201, put.statusCode(), () -> RunningRegistry.text(put));
        Scrape scrape = Scrape.of(registry);
        assertEquals(1, scrape.value("huruhuru_validation_duration_seconds_count", "outcome", "accepted"));
        assertEquals(1, scrape.value("huruhuru_signatures_total"));
        assertEquals(1, scrape.value("huruhuru_attestations_total"));
    }
}
