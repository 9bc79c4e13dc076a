package io.huruhuru.server.metrics;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.time.Duration;
import java.util.Locale;

/**
 * Durations of one kind of work (a validation, a boot preview) as a histogram by outcome. Outcomes are the constants
 * of one enum, so the label's values are a closed set: {@code ACCEPTED} is recorded as {@code outcome="accepted"}.
 */
public final class OutcomeTimer {

    /** Bounds of the histogram: work of this kind takes from milliseconds to a minute. */
    static final Duration[] BUCKETS = {Duration.ofMillis(1), Duration.ofMillis(5), Duration.ofMillis(25),
        Duration.ofMillis(100), Duration.ofMillis(250), Duration.ofMillis(500), Duration.ofSeconds(1),
        Duration.ofMillis(2500), Duration.ofSeconds(5), Duration.ofSeconds(10), Duration.ofSeconds(30),
        Duration.ofSeconds(60)};

    private final MeterRegistry registry;
    private final String name;
    private final String description;

    OutcomeTimer(MeterRegistry registry, String name, String description) {
        this.registry = registry;
        this.name = name;
        this.description = description;
    }

    /** Records one piece of work that ended with {@code outcome} after {@code took}. */
    public void record(Enum<?> outcome, Duration took) {
        Timer.builder(name).description(description)
                .tag("outcome", outcome.name().toLowerCase(Locale.ROOT))
                .serviceLevelObjectives(BUCKETS)
                .register(registry)
                .record(took);
    }

    /** Records one piece of work that began at {@code startedNanos} ({@link System#nanoTime()}) and ends now. */
    public void recordSince(Enum<?> outcome, long startedNanos) {
        record(outcome, Duration.ofNanos(Math.max(0, System.nanoTime() - startedNanos)));
    }
}
