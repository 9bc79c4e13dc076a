package io.huruhuru.storage.rocksdb;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** A paced task sleeps, after each slice of work, so that its work is the given share of the time. */
class PacerTest {

    private long now;
    private final List<Long> sleeps = new ArrayList<>();

    private Pacer pacer(double share) {
        return new Pacer(share, () -> now, nanos -> {
            sleeps.add(nanos);
            now += nanos;
        });
    }

    @Test
    void aQuarterShareSleepsThreeTimesWhatItWorked() {
        Pacer pacer = pacer(0.25);

        now += 10_000_000L;
        pacer.yieldIfDue();
        now += 30_000_000L;
        pacer.yieldIfDue();

        assertEquals(List.of(120_000_000L), sleeps);
    }

    @Test
    void workUnderOneSliceIsNotInterrupted() {
        Pacer pacer = pacer(0.25);

        for (int i = 0; i < 19; i++) {
            now += 1_000_000L;
            pacer.yieldIfDue();
        }

        assertEquals(List.of(), sleeps);
    }

    @Test
    void theWholeShareNeverSleeps() {
        Pacer pacer = pacer(1);

        now += 1_000_000_000L;
        pacer.yieldIfDue();

        assertEquals(List.of(), sleeps);
    }
}
