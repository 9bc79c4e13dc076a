package io.huruhuru.server.v2.blob;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.netty.buffer.ByteBuf;
import io.netty.util.IllegalReferenceCountException;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class ChunkPoolTest {

    @Test
    void releasedMemoryServesTheNextTake() {
        ChunkPool pool = new ChunkPool(4096, 2);
        ByteBuf first = pool.take();
        first.writeLong(0x5EED_CAFE_F00DL);
        first.release();

        ByteBuf second = pool.take();

        assertEquals(0x5EED_CAFE_F00DL, second.getLong(0), "the second chunk is the first one's memory");
        assertEquals(0, second.readableBytes(), "a reused chunk starts empty");
        assertEquals(4096, second.writableBytes());
        second.release();
    }

    @Test
    void countsChunksInUseAndKeepsAtMostItsLimit() {
        ChunkPool pool = new ChunkPool(4096, 2);
        List<ByteBuf> taken = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            taken.add(pool.take());
        }
        assertEquals(5, pool.inUse());

        taken.forEach(ByteBuf::release);

        assertEquals(0, pool.inUse());
        assertEquals(2, pool.kept());
    }

    @Test
    void aReleasedChunkCannotBeUsedOrReleasedAgain() {
        ChunkPool pool = new ChunkPool(4096, 2);
        ByteBuf chunk = pool.take();
        chunk.release();

        assertThrows(IllegalReferenceCountException.class, () -> chunk.writeByte(1));
        assertThrows(IllegalReferenceCountException.class, chunk::release);
        assertEquals(0, pool.inUse());
        assertEquals(1, pool.kept());
    }

    @Test
    void chunksInUseAtOnceHaveDistinctMemory() {
        ChunkPool pool = new ChunkPool(4096, 2);
        ByteBuf a = pool.take();
        ByteBuf b = pool.take();
        a.setLong(0, 1);
        b.setLong(0, 2);

        assertEquals(1, a.getLong(0));
        a.release();
        b.release();
    }
}
