package io.huruhuru.server.validation;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.huruhuru.oci.Digest;
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

/**
 * A layer pushed the way buildah and podman push one is read as it arrives, before any manifest names it, in the
 * repositories where koskit images are expected (a policy rule covers them, or they hold one already).
 */
class LayerReadOnUploadTest {

    @RegisterExtension
    final RunningRegistry registry = new RunningRegistry().withPolicy("""
            platforms:
              board:
                architecture: arm64
            rules:
              - repositories: ["kos/**"]
                platform: board
            """);

    @Test
    void layerPushedAsOnePatchIntoAPolicyRepositoryIsInTheLayerIndexOnceCommitted() throws Exception {
        byte[] layer = layer(5);
        String digest = TarBuilder.sha256(layer);

        pushAsOnePatch("kos/hello", layer);

        LayerFacts facts = awaitFacts(digest);
        assertEquals(Digest.parse(digest), facts.digest());
        assertTrue(facts.entries().stream().anyMatch(e -> e.path().equals("bin/hello")), facts::toString);
        assertTrue(facts.captures("share.spec.json"), "the likely spec file is kept");
    }

    @Test
    void repositoryHoldingAKoskitImageHasItsUploadsReadAndOthersDoNot() throws Exception {
        TestImage image = TestImage.hello();
        image.blobs().values().forEach(blob -> registry.pushBlob("apps/hello", blob));
        assertEquals(201, registry.putManifest("apps/hello", "1", image.manifestMediaType(), image.manifestBytes())
                .statusCode());
        byte[] elsewhere = layer(6);
        byte[] nextLayer = layer(7);

        pushAsOnePatch("lib/plain", elsewhere);
        pushAsOnePatch("apps/hello", nextLayer);

        awaitFacts(TarBuilder.sha256(nextLayer));
        assertEquals(Optional.empty(), registry.store().layerIndex().get(Digest.parse(TarBuilder.sha256(elsewhere))),
                "a repository without koskit images is not read on upload");
    }

    private static byte[] layer(long seed) {
        byte[] noise = new byte[1 << 20];
        new Random(seed).nextBytes(noise);
        return TestImage.helloLayer().file("usr/share/noise", noise, 0644).gzipLayer().blob();
    }

    private void pushAsOnePatch(String repository, byte[] layer) {
        String digest = TarBuilder.sha256(layer);
        HttpResponse<byte[]> start = registry.send(registry.request("/v2/" + repository + "/blobs/uploads/")
                .POST(HttpRequest.BodyPublishers.noBody()).build());
        String location = start.headers().firstValue("Location").orElseThrow();
        HttpResponse<byte[]> patch = registry.send(registry.request(location)
                .method("PATCH", HttpRequest.BodyPublishers.ofInputStream(() -> new java.io.ByteArrayInputStream(layer)))
                .header("Content-Type", "application/octet-stream").build());
        assertEquals(202, patch.statusCode());
        HttpResponse<byte[]> put = registry.send(registry.request(location + "?digest=" + digest)
                .PUT(HttpRequest.BodyPublishers.noBody()).build());
        assertEquals(201, put.statusCode());
    }

    private LayerFacts awaitFacts(String digest) throws InterruptedException {
        long deadline = System.nanoTime() + 10_000_000_000L;
        while (System.nanoTime() < deadline) {
            Optional<LayerFacts> facts = registry.store().layerIndex().get(Digest.parse(digest)).flatMap(LayerFactsCodec::decode);
            if (facts.isPresent()) {
                return facts.get();
            }
            Thread.sleep(20);
        }
        throw new AssertionError("no facts of " + digest + " in layer_index");
    }
}
