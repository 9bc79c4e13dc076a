package io.huruhuru.storage.rocksdb;

import java.nio.ByteBuffer;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Direct buffers of one content value (1 MiB) for uploads and readers, kept for reuse because allocating and freeing
 * direct memory for every request is slow.
 */
final class Buffers {

    /** The largest content value: uploads store their bytes in values of this size (the last ones shorter). */
    static final int VALUE_SIZE = 1 << 20;
    /**
     * Free buffers kept for reuse: as many as 32 concurrent uploads hold at once, each the value it fills and
     * {@link ContentWriter#VALUES_IN_FLIGHT} more on their way to storage (160 MiB at most). A buffer not kept is
     * zeroed when allocated, faulted in and freed only by the garbage collector; with 16 kept, each round of 32
     * concurrent 16 MiB pushes allocated most of its buffers anew and the registry used 7 to 25 % more CPU.
     */
    private static final int KEPT = 32 * (1 + ContentWriter.VALUES_IN_FLIGHT);

    private final ConcurrentLinkedQueue<ByteBuffer> free = new ConcurrentLinkedQueue<>();
    private final AtomicInteger freeCount = new AtomicInteger();

    ByteBuffer take() {
        ByteBuffer buffer = free.poll();
        if (buffer == null) {
            return ByteBuffer.allocateDirect(VALUE_SIZE);
        }
        freeCount.decrementAndGet();
        return buffer.clear();
    }

    void give(ByteBuffer buffer) {
        if (buffer != null && freeCount.incrementAndGet() <= KEPT) {
            free.add(buffer);
        } else if (buffer != null) {
            freeCount.decrementAndGet();
        }
    }
}
