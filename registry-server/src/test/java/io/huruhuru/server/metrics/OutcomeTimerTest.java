package io.huruhuru.server.metrics;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Duration;
import org.junit.jupiter.api.Test;

/** The timer hook that previews and validations record through: one histogram, labelled by an enum's constants. */
class OutcomeTimerTest {

    private enum PreviewOutcome { BOOTED, BOOT_FAILED }

    @Test
    void eachOutcomeIsCountedUnderItsLowerCaseNameWithItsDuration() {
        try (RegistryMetrics metrics = new RegistryMetrics(new BuildInfo("1", "abc"))) {
            metrics.previews().record(PreviewOutcome.BOOTED, Duration.ofMillis(300));
            metrics.previews().record(PreviewOutcome.BOOTED, Duration.ofMillis(30));
            metrics.previews().recordSince(PreviewOutcome.BOOT_FAILED, System.nanoTime());

            Scrape scrape = Scrape.parse(metrics.scrape());

            assertEquals(2, scrape.value("huruhuru_preview_duration_seconds_count", "outcome", "booted"));
            assertEquals(0.33, scrape.value("huruhuru_preview_duration_seconds_sum", "outcome", "booted"), 1e-9);
            assertEquals(1, scrape.value("huruhuru_preview_duration_seconds_bucket", "outcome", "booted",
                    "le", "0.1"));
            assertEquals(1, scrape.value("huruhuru_preview_duration_seconds_count", "outcome", "boot_failed"));
        }
    }
}
