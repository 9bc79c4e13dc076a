package io.huruhuru.storage.rocksdb;

import java.util.function.LongConsumer;
import java.util.function.LongSupplier;

/**
 * Keeps a background task to a share of the time: after each slice of work it sleeps in proportion, so that requests
 * running meanwhile keep most of the CPU and the disk. A collection has a minute for 100,000 blobs and needs a few
 * seconds at full speed, so it can afford to yield most of the time. Used by one thread; callers hold no lock when
 * they call {@link #yieldIfDue()}.
 */
final class Pacer {

    /** Work done between pauses; short enough that a request never waits long behind a slice. */
    private static final long SLICE_NANOS = 20_000_000L;

    private final double share;
    private final LongSupplier clock;
    private final LongConsumer sleep;
    private long sliceStart;

    /** @param share the part of the time the task works, in (0, 1]; 1 never pauses */
    Pacer(double share) {
        this(share, System::nanoTime, Pacer::sleepNanos);
    }

    Pacer(double share, LongSupplier clock, LongConsumer sleep) {
        if (!(share > 0 && share <= 1)) {
            throw new IllegalArgumentException("share must be in (0, 1], got " + share);
        }
        this.share = share;
        this.clock = clock;
        this.sleep = sleep;
        this.sliceStart = clock.getAsLong();
    }

    /** Pauses when the current slice of work is used up. */
    void yieldIfDue() {
        long worked = clock.getAsLong() - sliceStart;
        if (worked < SLICE_NANOS || share >= 1) {
            return;
        }
        sleep.accept((long) (worked * (1 - share) / share));
        sliceStart = clock.getAsLong();
    }

    private static void sleepNanos(long nanos) {
        try {
            Thread.sleep(nanos / 1_000_000L, (int) (nanos % 1_000_000L));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
