package io.huruhuru.storage.statistics;

/**
 * Calls of one {@link Operation} since the store opened.
 *
 * @param count how many calls ended, successful or not
 * @param nanos the time they took together
 */
public record OperationTotals(long count, long nanos) {

    public OperationTotals {
        if (count < 0 || nanos < 0) {
            throw new IllegalArgumentException("operation totals cannot be negative: " + count + ", " + nanos);
        }
    }
}
