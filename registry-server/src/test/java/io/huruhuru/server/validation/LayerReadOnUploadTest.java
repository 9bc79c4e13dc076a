package io.huruhuru.server.validation;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.huruhuru.server.RunningRegistry;
import io.huruhuru.validation.fixture.TarBuilder;
import io.huruhuru.validation.fixture.TestImage;
import io.huruhuru.validation.layer.LayerFacts;
import io.huruhuru.validation.layer.LayerFactsCodec;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.Optional;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** A layer pushed the way buildah and podman push one is read as it arrives, before any manifest names it. */
class LayerReadOnUploadTest {

    @RegisterExtension
    final RunningRegistry registry = new RunningRegistry();

    @Test
    void layerPushedAsOnePatchIsInTheLayerIndexOnceCommitted() throws Exception {
        byte[] noise = new byte[1 << 20];
        new Random(5).nextBytes(noise);
        byte[] layer = TestImage.helloLayer().file("usr/share/noise", noise, 0644).gzipLayer().blob();
        String digest = TarBuilder.sha256(layer);

        HttpResponse<byte[]> start = registry.send(registry.request("/v2/kos/hello/blobs/uploads/")
                .POST(HttpRequest.BodyPublishers.noBody()).build());
        String location = start.headers().firstValue("Location").orElseThrow();
        HttpResponse<byte[]> patch = registry.send(registry.request(location)
                .method("PATCH", HttpRequest.BodyPublishers.ofInputStream(() -> new java.io.ByteArrayInputStream(layer)))
                .header("Content-Type", "application/octet-stream").build());
        assertEquals(202, patch.statusCode());
        HttpResponse<byte[]> put = registry.send(registry.request(location + "?digest=" + digest)
                .PUT(HttpRequest.BodyPublishers.noBody()).build());
        assertEquals(201, put.statusCode());

        LayerFacts facts = awaitFacts(digest);
        assertEquals(digest, facts.digest());
        assertTrue(facts.entries().stream().anyMatch(e -> e.path().equals("bin/hello")), facts::toString);
        assertTrue(facts.captures("share.spec.json"), "the likely spec file is kept");
    }

    private LayerFacts awaitFacts(String digest) throws InterruptedException {
        long deadline = System.nanoTime() + 10_000_000_000L;
        while (System.nanoTime() < deadline) {
            Optional<LayerFacts> facts = registry.store().layerIndex().get(digest).flatMap(LayerFactsCodec::decode);
            if (facts.isPresent()) {
                return facts.get();
            }
            Thread.sleep(20);
        }
        throw new AssertionError("no facts of " + digest + " in layer_index");
    }
}
