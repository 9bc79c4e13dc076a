package io.huruhuru.server.gc;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.huruhuru.oci.Digest;
import io.huruhuru.oci.RepositoryName;
import io.huruhuru.server.RunningRegistry;
import java.net.http.HttpRequest;
import java.time.Duration;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** A manifest GET or HEAD records the pull, so that retention's "pulled within" sees it. */
class PullRecordTest {

    @RegisterExtension
    final RunningRegistry registry = new RunningRegistry().unsigned().withGc(Duration.ZERO, null);

    private Optional<java.time.Instant> lastPulled(PushedImage image) {
        return registry.store().manifests().lastPulled(RepositoryName.parse(image.repository()),
                Digest.parse(image.digest()));
    }

    @Test
    void aGetByTagRecordsThePullOfTheManifest() {
        PushedImage image = PushedImage.push(registry, "app", 1, 10, "1.0");
        assertEquals(Optional.empty(), lastPulled(image));

        assertEquals(200, registry.get("/v2/app/manifests/1.0").statusCode());

        assertTrue(lastPulled(image).isPresent());
    }

    @Test
    void aHeadByDigestRecordsThePull() {
        PushedImage image = PushedImage.push(registry, "app", 2, 10, "1.0");

        assertEquals(200, registry.send(registry.request("/v2/app/manifests/" + image.digest())
                .method("HEAD", HttpRequest.BodyPublishers.noBody()).build()).statusCode());

        assertTrue(lastPulled(image).isPresent());
    }
}
