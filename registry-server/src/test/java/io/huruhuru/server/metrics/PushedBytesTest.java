package io.huruhuru.server.metrics;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.huruhuru.server.RunningRegistry;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** {@code huruhuru_pushed_bytes_total{kind="blob"}} counts upload requests answered 2xx, as its help text says. */
class PushedBytesTest {

    @RegisterExtension
    final RunningRegistry registry = new RunningRegistry();

    @Test
    void thePatchOfAnUploadWhosePutFailsIsCountedAndTheHelpTextSaysSo() {
        HttpResponse<byte[]> started = registry.send(registry.request("/v2/kos/app/blobs/uploads/")
                .POST(HttpRequest.BodyPublishers.noBody()).build());
        String location = started.headers().firstValue("Location").orElseThrow();
        HttpResponse<byte[]> patch = registry.send(registry.request(location)
                .header("Content-Type", "application/octet-stream")
                .method("PATCH", HttpRequest.BodyPublishers.ofString("12345")).build());
        assertEquals(202, patch.statusCode(), () -> RunningRegistry.text(patch));
        String next = patch.headers().firstValue("Location").orElseThrow();
        String wrong = "sha256:" + "0".repeat(64);
        HttpResponse<byte[]> put = registry.send(registry.request(next + (next.contains("?") ? "&" : "?")
                + "digest=" + wrong).PUT(HttpRequest.BodyPublishers.noBody()).build());
        assertEquals(400, put.statusCode(), () -> RunningRegistry.text(put));

        Scrape scrape = Scrape.of(registry);
        assertEquals(5.0, scrape.value("huruhuru_pushed_bytes_total", "kind", "blob"), scrape::text);
        assertTrue(scrape.text().contains("# HELP huruhuru_pushed_bytes_total " + HttpMetrics.PUSHED),
                scrape::text);
    }
}
