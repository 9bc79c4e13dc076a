package io.huruhuru.server.gc;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.huruhuru.server.RunningRegistry;
import io.huruhuru.server.config.RegistryConfig;
import java.time.Duration;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** With an interval, collections run by themselves. */
class ScheduledCollectionTest {

    /** Longer than a push takes between its blobs and its manifest, which collections every 100 ms would overtake. */
    private static final Duration GRACE = Duration.ofSeconds(3);

    @RegisterExtension
    final RunningRegistry registry = new RunningRegistry().unsigned().configure(config -> config.withGc(
            new RegistryConfig.Gc(Duration.ofMillis(100), GRACE, 100, Optional.empty())));

    @Test
    void aDeletedImagesBlobsGoWithoutBeingAskedFor() throws Exception {
        PushedImage image = PushedImage.push(registry, "app", 1, 2000, "1.0");
        image.delete(registry);

        long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
        // the blob goes inside the run; the run is counted when it returns
        while ((registry.get("/v2/app/blobs/" + image.blobs().get(1)).statusCode() != 404 || runs() == 0)
                && System.nanoTime() < deadline) {
            Thread.sleep(50);
        }

        assertEquals(404, registry.get("/v2/app/blobs/" + image.blobs().get(1)).statusCode());
        assertTrue(runs() >= 1);
    }

    private long runs() {
        return registry.registry().collection().metrics().snapshot().get("huruhuru_gc_runs_total");
    }
}
