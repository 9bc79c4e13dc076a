package io.huruhuru.server.v2.blob;

import io.huruhuru.oci.Digest;
import io.huruhuru.server.blocking.Blocking;
import io.huruhuru.storage.blob.BlobContent;
import io.huruhuru.storage.blob.BlobStore;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.PooledByteBufAllocator;
import io.vertx.core.AsyncResult;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.http.HttpServerResponse;
import io.vertx.core.internal.buffer.BufferInternal;
import java.nio.ByteBuffer;
import java.util.ArrayDeque;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Copies a range of a blob to a response: chunks are read on a worker into direct buffers and written without
 * copying. The next chunk is read while the previous one is being sent, and at most {@link #READ_AHEAD} chunks wait
 * for the connection, so the socket never waits on storage.
 *
 * <p>Memory is bounded for all pulls together: large chunks come from one {@link ChunkPool} of {@link #POOLED_CHUNKS}.
 * When they are all taken, a pull that holds no chunk reads a {@link #SMALL_CHUNK} from Netty's pool, and one that
 * holds some waits until one of its own is sent; so every pull progresses and slow clients cannot starve the others.
 *
 * <p>All methods but {@link #read} run on the response's event loop.
 */
final class BlobStreamer {

    /** Four RocksDB content values: few worker round trips per blob, little memory per pull. */
    private static final int CHUNK = 4 * 1024 * 1024;
    /** Chunks read but not yet handed to the connection. */
    private static final int READ_AHEAD = 2;
    /** The connection's write buffer: a full one pauses sending from the event loop until half has drained. */
    private static final int WRITE_QUEUE = 2 * CHUNK;
    /** Large chunks of all pulls at once (128 MiB of direct memory), half of them kept when released. */
    static final int POOLED_CHUNKS = 32;
    /** The chunk of a pull that finds the pool empty and holds no chunk. */
    static final int SMALL_CHUNK = 64 * 1024;
    private static final ChunkPool CHUNKS = new ChunkPool(CHUNK, POOLED_CHUNKS, POOLED_CHUNKS / 2);

    private final BlobContent content;
    private final Blocking blocking;
    private final HttpServerResponse response;
    private final Promise<Void> done = Promise.promise();
    private final ArrayDeque<ByteBuf> ready = new ArrayDeque<>();
    private long toRead;
    private long toWrite;
    private boolean reading;
    /** Chunks of this pull being read, ready or being written. */
    private int held;

    private BlobStreamer(BlobContent content, Blocking blocking, HttpServerResponse response, long length) {
        this.content = content;
        this.blocking = blocking;
        this.response = response;
        this.toRead = length;
        this.toWrite = length;
    }

    /** Large chunks reserved by pulls and not yet given back: 0 when no pull runs. */
    static int chunksInUse() {
        return CHUNKS.inUse();
    }

    static Future<Void> stream(BlobStore blobs, Blocking blocking, Digest digest, long start, long length,
            HttpServerResponse response) {
        return blocking.run(() -> blobs.open(digest, start, length))
                .compose(content -> {
                    BlobStreamer streamer = new BlobStreamer(content, blocking, response, length);
                    response.setWriteQueueMaxSize(WRITE_QUEUE);
                    response.closeHandler(closed -> streamer.finish(new IllegalStateException("client went away")));
                    streamer.readNext();
                    return streamer.done.future();
                });
    }

    private void readNext() {
        if (reading || toRead == 0 || ready.size() >= READ_AHEAD || isDone()) {
            return;
        }
        boolean pooled = CHUNKS.tryReserve();
        if (!pooled && held > 0) {
            return; // read on once one of this pull's chunks has been sent
        }
        int size = (int) Math.min(pooled ? CHUNK : SMALL_CHUNK, toRead);
        toRead -= size;
        reading = true;
        held++;
        AtomicBoolean readStarted = new AtomicBoolean();
        blocking.run(() -> {
            readStarted.set(true);
            return read(pooled, size);
        }).onComplete(result -> {
            if (pooled && !readStarted.get()) {
                CHUNKS.cancelReservation(); // the worker refused the read: the store is closing
            }
            chunkRead(result);
        });
    }

    private void chunkRead(AsyncResult<ByteBuf> result) {
        reading = false;
        if (isDone() || result.failed()) {
            held--;
            if (result.succeeded()) {
                result.result().release();
            }
        }
        if (isDone()) {
            // The pull ended while this chunk was read; the content is closed only now that no read runs.
            closeContent();
            return;
        }
        if (result.failed()) {
            finish(result.cause());
            return;
        }
        ready.add(result.result());
        send();
        readNext();
    }

    private void send() {
        if (isDone()) {
            return; // a drain handler set before the last chunk was written
        }
        while (!ready.isEmpty() && !response.writeQueueFull()) {
            ByteBuf chunk = ready.poll();
            toWrite -= chunk.readableBytes();
            // Vert.x writes an unreleasable view of the chunk; the pooled memory goes back once it is on the wire.
            response.write(BufferInternal.buffer(chunk)).onComplete(written -> {
                chunk.release();
                held--;
                readNext();
            });
        }
        if (toWrite == 0) {
            response.end();
            finish(null);
        } else if (!ready.isEmpty()) {
            response.drainHandler(drained -> {
                send();
                readNext();
            });
        }
    }

    private ByteBuf read(boolean pooled, int size) {
        ByteBuf chunk;
        if (pooled) {
            try {
                chunk = CHUNKS.take();
            } catch (RuntimeException | Error e) {
                CHUNKS.cancelReservation();
                throw e;
            }
        } else {
            chunk = PooledByteBufAllocator.DEFAULT.directBuffer(size, size);
        }
        try {
            ByteBuffer target = chunk.nioBuffer(0, size);
            int total = 0;
            while (total < size) {
                int n = content.read(target);
                if (n < 0) {
                    throw new IllegalStateException("blob content ended " + (size - total) + " bytes early");
                }
                total += n;
            }
            chunk.writerIndex(total);
            return chunk;
        } catch (RuntimeException e) {
            chunk.release();
            throw e;
        }
    }

    private boolean isDone() {
        return done.future().isComplete();
    }

    private void finish(Throwable failure) {
        if (isDone()) {
            return;
        }
        ready.forEach(ByteBuf::release);
        held -= ready.size();
        ready.clear();
        if (!reading) {
            closeContent();
        }
        if (failure == null) {
            done.complete();
        } else {
            done.fail(failure);
        }
    }

    private void closeContent() {
        blocking.run(() -> {
            content.close();
            return null;
        });
    }
}
