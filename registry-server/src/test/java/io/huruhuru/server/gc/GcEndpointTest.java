package io.huruhuru.server.gc;

import static io.huruhuru.server.OciErrors.assertError;
import static io.huruhuru.server.gc.PushedImage.collect;
import static io.huruhuru.server.gc.PushedImage.removals;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.huruhuru.server.RunningRegistry;
import java.net.http.HttpRequest;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** {@code POST /sel4/v1/gc} collects now (or only reports, dry), {@code GET /sel4/v1/gc} the last run. */
class GcEndpointTest {

    @RegisterExtension
    final RunningRegistry registry = new RunningRegistry().unsigned().withGc(Duration.ZERO, null);

    @Test
    void aDryRunListsTheBlobsOfADeletedImageAndDeletesNothing() {
        PushedImage image = PushedImage.push(registry, "app", 1, 3000, "1.0");
        image.delete(registry);

        JsonNode report = collect(registry, true);

        assertTrue(report.get("dryRun").asBoolean());
        for (String blob : image.blobs()) {
            assertEquals(1, removals(report, "BLOB", blob).size(), () -> blob + " not listed in " + report);
            assertFalse(removals(report, "BLOB", blob).get(0).get("reason").asText().isBlank());
            assertEquals(200, registry.get("/v2/app/blobs/" + blob).statusCode());
        }
    }

    @Test
    void aCollectionDeletesTheBlobsOfADeletedImageAndSaysWhatItFreed() {
        PushedImage image = PushedImage.push(registry, "app", 2, 3000, "1.0");
        image.delete(registry);

        JsonNode report = collect(registry, false);

        assertFalse(report.get("dryRun").asBoolean());
        assertEquals(2, report.get("deleted").get("blobs").asLong(), report::toString);
        assertTrue(report.get("bytesFreed").asLong() >= 3000, report::toString);
        for (String blob : image.blobs()) {
            assertEquals(404, registry.get("/v2/app/blobs/" + blob).statusCode());
        }
    }

    @Test
    void aTaggedImageSurvivesACollectionByteForByte() {
        PushedImage image = PushedImage.push(registry, "app", 3, 3000, "1.0");

        JsonNode report = collect(registry, false);

        assertEquals(0, report.get("deleted").get("blobs").asLong(), report::toString);
        assertArrayEquals(image.manifest(), registry.get("/v2/app/manifests/1.0").body());
        for (String blob : image.blobs()) {
            assertEquals(blob, RunningRegistry.sha256(registry.get("/v2/app/blobs/" + blob).body()));
        }
    }

    @Test
    void theLastRunAndTheCountersAreReported() {
        PushedImage.push(registry, "app", 4, 100, "1.0").delete(registry);
        collect(registry, true);
        collect(registry, false);

        JsonNode status = PushedImage.json(registry.get("/sel4/v1/gc"));

        assertFalse(status.get("running").asBoolean());
        assertFalse(status.get("last").get("dryRun").asBoolean());
        assertEquals(1, status.get("metrics").get("huruhuru_gc_runs_total").asLong(), status::toString);
        assertEquals(1, status.get("metrics").get("huruhuru_gc_dry_runs_total").asLong(), status::toString);
        assertEquals(2, status.get("metrics").get("huruhuru_gc_blobs_deleted_total").asLong(), status::toString);
    }

    @Test
    void beforeAnyRunThereIsNoLastReport() {
        JsonNode status = PushedImage.json(registry.get("/sel4/v1/gc"));

        assertTrue(status.get("last").isNull(), status::toString);
    }

    @Test
    void aDryRunFlagThatIsNeitherTrueNorFalseIsRefused() {
        assertError(registry.send(registry.request("/sel4/v1/gc?dryRun=maybe")
                .POST(HttpRequest.BodyPublishers.noBody()).build()), 400, "REQUEST_INVALID");
    }
}
