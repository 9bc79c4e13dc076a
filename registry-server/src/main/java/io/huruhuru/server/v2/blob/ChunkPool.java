package io.huruhuru.server.v2.blob;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.UnpooledByteBufAllocator;
import io.netty.buffer.UnpooledDirectByteBuf;
import java.nio.ByteBuffer;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The large chunks of pulls: at most {@code limit} at once, whatever the number of pulls, and released ones kept
 * for the next pulls. A pull reserves a chunk (on its event loop) before it takes it (on a worker, since a new direct
 * buffer is zeroed, which costs about as much as reading the chunk from storage). A chunk-sized buffer from Netty's
 * pool would take a whole pool chunk that Netty frees again as soon as it is released; reusing chunks saves a pull a
 * tenth of its time.
 */
final class ChunkPool {

    private final int chunkSize;
    private final int limit;
    private final int kept;
    private final AtomicInteger reserved = new AtomicInteger();
    private final ConcurrentLinkedQueue<ByteBuffer> free = new ConcurrentLinkedQueue<>();
    private final AtomicInteger freeCount = new AtomicInteger();

    /** Up to {@code limit} chunks of {@code chunkSize} bytes in use at once; at most {@code kept} kept when released. */
    ChunkPool(int chunkSize, int limit, int kept) {
        if (kept > limit) {
            throw new IllegalArgumentException("keeps more chunks than it may hand out");
        }
        this.chunkSize = chunkSize;
        this.limit = limit;
        this.kept = kept;
    }

    /** Reserves one chunk for a following {@link #take}; false when all {@code limit} chunks are reserved. */
    boolean tryReserve() {
        while (true) {
            int now = reserved.get();
            if (now >= limit) {
                return false;
            }
            if (reserved.compareAndSet(now, now + 1)) {
                return true;
            }
        }
    }

    /** An empty chunk for a reservation; its last release gives the memory and the reservation back. */
    ByteBuf take() {
        ByteBuffer memory = free.poll();
        if (memory == null) {
            memory = ByteBuffer.allocateDirect(chunkSize);
        } else {
            freeCount.decrementAndGet();
        }
        return new Chunk(memory);
    }

    /** Gives back a reservation that {@link #take} did not use. */
    void cancelReservation() {
        reserved.decrementAndGet();
    }

    /** Chunks reserved or in use. */
    int inUse() {
        return reserved.get();
    }

    /** Released chunks waiting for the next {@link #take}. */
    int kept() {
        return freeCount.get();
    }

    private void giveBack(ByteBuffer memory) {
        if (freeCount.incrementAndGet() <= kept) {
            free.add(memory.clear());
        } else {
            freeCount.decrementAndGet();
        }
        reserved.decrementAndGet();
    }

    /** A buffer over pooled memory: its last release returns the memory instead of freeing it. */
    private final class Chunk extends UnpooledDirectByteBuf {
        private final ByteBuffer memory;

        Chunk(ByteBuffer memory) {
            super(UnpooledByteBufAllocator.DEFAULT, memory, memory.capacity());
            this.memory = memory;
            clear();
        }

        @Override
        protected void deallocate() {
            giveBack(memory);
        }
    }
}
