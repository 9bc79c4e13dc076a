package io.huruhuru.server.metrics;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import io.huruhuru.server.RunningRegistry;
import io.huruhuru.server.config.RegistryConfig;
import java.nio.charset.StandardCharsets;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** With {@code metrics.repositoryLabel.top: 1}, the first repository that moved images is named, the rest other. */
class RepositoryLabelMetricsTest {

    @RegisterExtension
    final RunningRegistry registry = new RunningRegistry().unsigned().configure(config -> config.withOperations(
            new RegistryConfig.Operations(Optional.empty(), 0, 1)));

    @Test
    void pushedAndPulledBytesOfTheFirstRepositoryAreNamedAndOfTheNextOneOther() {
        byte[] first = "first repository".getBytes(StandardCharsets.UTF_8);
        byte[] second = "the second repository's blob".getBytes(StandardCharsets.UTF_8);
        String firstDigest = registry.pushBlob("team/app", first);
        String secondDigest = registry.pushBlob("team/tool", second);
        registry.get("/v2/team/tool/blobs/" + secondDigest);
        registry.get("/v2/team/app/blobs/" + firstDigest);

        Scrape scrape = Scrape.until(registry,
                s -> s.valueOrZero("huruhuru_pulled_bytes_total", "kind", "blob") >= first.length + second.length);

        assertEquals(first.length, scrape.value("huruhuru_pushed_bytes_total", "kind", "blob", "repository", "team/app"));
        assertEquals(second.length, scrape.value("huruhuru_pushed_bytes_total", "kind", "blob", "repository", "other"));
        assertEquals(first.length, scrape.value("huruhuru_pulled_bytes_total", "kind", "blob", "repository", "team/app"));
        assertEquals(second.length, scrape.value("huruhuru_pulled_bytes_total", "kind", "blob", "repository", "other"));
        assertFalse(scrape.text().contains("team/tool"), "the second repository is never a label value");
    }
}
