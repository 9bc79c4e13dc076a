package io.huruhuru.server.validation;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class ChunkPipeTest {

    @Test
    void readerGetsEveryByteInOrderThenTheEnd() throws Exception {
        ChunkPipe pipe = new ChunkPipe(1 << 20, 10_000);
        pipe.put(ByteBuffer.wrap(new byte[] {1, 2, 3}));
        pipe.put(ByteBuffer.wrap(new byte[] {4}));
        pipe.close();

        assertArrayEquals(new byte[] {1, 2, 3, 4}, pipe.inputStream().readAllBytes());
    }

    @Test
    void writerWaitsWhileTheCapacityIsQueuedAndGoesOnOnceTheReaderTakesBytes() throws Exception {
        ChunkPipe pipe = new ChunkPipe(4, 10_000);
        pipe.put(ByteBuffer.wrap(new byte[4]));

        CompletableFuture<Boolean> second = CompletableFuture.supplyAsync(() -> {
            try {
                return pipe.put(ByteBuffer.wrap(new byte[] {9}));
            } catch (InterruptedException e) {
                throw new IllegalStateException(e);
            }
        });
        Thread.sleep(100);
        assertFalse(second.isDone(), "the writer must wait while the pipe is full");

        InputStream in = pipe.inputStream();
        in.read(new byte[4], 0, 4);
        assertTrue(second.get(5, TimeUnit.SECONDS));
        assertTrue(in.read() == 9);
    }

    @Test
    void abortFailsTheReaderAndReleasesAWaitingWriter() throws Exception {
        ChunkPipe pipe = new ChunkPipe(1, 10_000);
        pipe.put(ByteBuffer.wrap(new byte[1]));
        CompletableFuture<Boolean> waiting = CompletableFuture.supplyAsync(() -> {
            try {
                return pipe.put(ByteBuffer.wrap(new byte[1]));
            } catch (InterruptedException e) {
                throw new IllegalStateException(e);
            }
        });

        pipe.abort("cancelled");

        assertFalse(waiting.get(5, TimeUnit.SECONDS));
        IOException e = assertThrows(IOException.class, () -> pipe.inputStream().read());
        assertTrue(e.getMessage().contains("cancelled"), e.getMessage());
    }

    @Test
    void readerGivesUpWhenNoBytesComeForTheIdleTimeout() {
        ChunkPipe pipe = new ChunkPipe(1 << 20, 50);

        IOException e = assertThrows(IOException.class, () -> pipe.inputStream().read());

        assertTrue(e.getMessage().contains("no bytes for"), e.getMessage());
    }
}
