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
    private static final int KEPT = 16;

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
