package io.huruhuru.server.metrics;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.huruhuru.server.RunningRegistry;
import io.huruhuru.validation.fixture.TestImage;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** {@code huruhuru_preview_duration_seconds} counts each preview by how it ended. */
class PreviewMetricsTest {

    private static final String COUNT = "huruhuru_preview_duration_seconds_count";

    @RegisterExtension
    final RunningRegistry registry = new RunningRegistry();

    private HttpResponse<byte[]> preview(String image) {
        return registry.send(registry.request("/sel4/v1/previews").header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{\"image\":\"" + image
                        + "\",\"platform\":\"qemu-arm-virt\"}")).build());
    }

    @Test
    void aBootedAKeptAndAnErroredPreviewAreEachCountedUnderTheirOutcome() {
        TestImage image = TestImage.hello();
        image.blobs().values().forEach(blob -> registry.pushBlob("kos/hello", blob));
        assertEquals(201, registry.putManifest("kos/hello", "1.0", image.manifestMediaType(), image.manifestBytes())
                .statusCode());

        assertEquals(201, preview("kos/hello:1.0").statusCode());
        assertEquals(200, preview("kos/hello:1.0").statusCode());
        assertEquals(404, preview("kos/absent:1.0").statusCode());

        Scrape scrape = Scrape.of(registry);
        assertEquals(1.0, scrape.value(COUNT, "outcome", "booted"), scrape::text);
        assertEquals(1.0, scrape.value(COUNT, "outcome", "kept"), scrape::text);
        assertEquals(1.0, scrape.value(COUNT, "outcome", "error"), scrape::text);
    }
}
