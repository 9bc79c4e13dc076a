package io.huruhuru.storage.rocksdb;

import io.huruhuru.storage.statistics.Operation;
import io.huruhuru.storage.statistics.OperationTotals;
import java.util.EnumMap;
import java.util.Map;
import java.util.concurrent.atomic.LongAdder;

/**
 * Counts the database calls of each {@link Operation} and adds up their time; adders rather than one lock, since
 * every storage worker ends calls at once.
 */
final class OperationTimings {

    private final Map<Operation, LongAdder> counts = new EnumMap<>(Operation.class);
    private final Map<Operation, LongAdder> nanos = new EnumMap<>(Operation.class);

    OperationTimings() {
        for (Operation operation : Operation.values()) {
            counts.put(operation, new LongAdder());
            nanos.put(operation, new LongAdder());
        }
    }

    /** Records a call of {@code operation} that began at {@code startedNanos} ({@link System#nanoTime()}). */
    void ended(Operation operation, long startedNanos) {
        counts.get(operation).increment();
        nanos.get(operation).add(Math.max(0, System.nanoTime() - startedNanos));
    }

    OperationTotals totals(Operation operation) {
        return new OperationTotals(counts.get(operation).sum(), nanos.get(operation).sum());
    }
}
