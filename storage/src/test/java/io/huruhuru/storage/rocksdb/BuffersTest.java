package io.huruhuru.storage.rocksdb;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** The value buffers that 32 concurrent uploads hold at once are reused, not allocated again, by the next ones. */
class BuffersTest {

    @Test
    void everyBufferOfThirtyTwoConcurrentUploadsIsReusedAndNoMore() {
        Buffers buffers = new Buffers();
        int held = 32 * (1 + ContentWriter.VALUES_IN_FLIGHT);
        List<ByteBuffer> first = take(buffers, held + 1);
        first.forEach(buffers::give);

        Set<ByteBuffer> firstSet = identities(first);
        List<ByteBuffer> second = take(buffers, held + 1);
        long reused = second.stream().filter(firstSet::contains).count();
        assertEquals(held, reused, "buffers reused of " + (held + 1) + " given back");
        ByteBuffer fresh = second.get(held);
        assertFalse(firstSet.contains(fresh), "the buffer past the bound was kept");
    }

    @Test
    void aReusedBufferComesBackCleared() {
        Buffers buffers = new Buffers();
        ByteBuffer used = buffers.take();
        used.put(new byte[100]).flip();
        buffers.give(used);

        ByteBuffer again = buffers.take();
        assertSame(used, again, "the buffer was not reused");
        assertEquals(0, again.position());
        assertEquals(Buffers.VALUE_SIZE, again.limit());
        assertTrue(again.isDirect());
    }

    private static List<ByteBuffer> take(Buffers buffers, int count) {
        List<ByteBuffer> taken = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            taken.add(buffers.take());
        }
        return taken;
    }

    private static Set<ByteBuffer> identities(List<ByteBuffer> buffers) {
        Set<ByteBuffer> set = Collections.newSetFromMap(new IdentityHashMap<>());
        set.addAll(buffers);
        return set;
    }
}
