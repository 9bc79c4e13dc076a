package io.huruhuru.server.v2.blob;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.netty.buffer.ByteBuf;
import io.netty.util.IllegalReferenceCountException;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class ChunkPoolTest {

    private final ChunkPool pool = new ChunkPool(4096, 3, 2);

    private ByteBuf take() {
        assertTrue(pool.tryReserve());
        return pool.take();
    }

    @Test
    void releasedMemoryServesTheNextTake() {
        ByteBuf first = take();
        first.writeLong(0x5EED_CAFE_F00DL);
        first.release();

        ByteBuf second = take();

        assertEquals(0x5EED_CAFE_F00DL, second.getLong(0), "the second chunk is the first one's memory");
        assertEquals(0, second.readableBytes(), "a reused chunk starts empty");
        assertEquals(4096, second.writableBytes());
        second.release();
    }

    @Test
    void handsOutNoMoreThanItsLimitUntilAChunkIsReleased() {
        List<ByteBuf> taken = new ArrayList<>(List.of(take(), take(), take()));

        assertFalse(pool.tryReserve());
        assertEquals(3, pool.inUse());

        taken.remove(0).release();
        assertTrue(pool.tryReserve());
        taken.add(pool.take());
        assertFalse(pool.tryReserve());

        taken.forEach(ByteBuf::release);
        assertEquals(0, pool.inUse());
        assertEquals(2, pool.kept(), "keeps at most two released chunks");
    }

    @Test
    void aCancelledReservationIsFreeAgain() {
        take();
        take();
        assertTrue(pool.tryReserve());
        assertFalse(pool.tryReserve());

        pool.cancelReservation();

        assertTrue(pool.tryReserve());
    }

    @Test
    void aReleasedChunkCannotBeUsedOrReleasedAgain() {
        ByteBuf chunk = take();
        chunk.release();

        assertThrows(IllegalReferenceCountException.class, () -> chunk.writeByte(1));
        assertThrows(IllegalReferenceCountException.class, chunk::release);
        assertEquals(0, pool.inUse());
        assertEquals(1, pool.kept());
    }

    @Test
    void chunksInUseAtOnceHaveDistinctMemory() {
        ByteBuf a = take();
        ByteBuf b = take();
        a.setLong(0, 1);
        b.setLong(0, 2);

        assertEquals(1, a.getLong(0));
        a.release();
        b.release();
    }
}
