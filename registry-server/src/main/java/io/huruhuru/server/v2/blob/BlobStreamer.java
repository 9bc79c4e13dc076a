package io.huruhuru.server.v2.blob;

import io.huruhuru.server.blocking.Blocking;
import io.huruhuru.storage.blob.BlobContent;
import io.huruhuru.storage.blob.BlobStore;
import io.netty.buffer.ByteBuf;
import io.vertx.core.AsyncResult;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.http.HttpServerResponse;
import io.vertx.core.internal.buffer.BufferInternal;
import java.nio.ByteBuffer;
import java.util.ArrayDeque;

/**
 * Copies a range of a blob to a response: chunks are read on a worker into reused direct buffers and written
 * without copying. The next chunk is read while the previous one is being sent, and at most {@link #READ_AHEAD}
 * chunks wait for the connection, so memory per pull stays bounded and the socket never waits on storage.
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
    /** Chunks kept for the next pulls: enough for a few pulls at once, 64 MiB of direct memory at most. */
    private static final ChunkPool CHUNKS = new ChunkPool(CHUNK, 16);

    private final BlobContent content;
    private final Blocking blocking;
    private final HttpServerResponse response;
    private final Promise<Void> done = Promise.promise();
    private final ArrayDeque<ByteBuf> ready = new ArrayDeque<>();
    private long toRead;
    private long toWrite;
    private boolean reading;

    private BlobStreamer(BlobContent content, Blocking blocking, HttpServerResponse response, long length) {
        this.content = content;
        this.blocking = blocking;
        this.response = response;
        this.toRead = length;
        this.toWrite = length;
    }

    /** Chunks of pulls taken from the pool and not yet given back: 0 when no pull runs. */
    static int chunksInUse() {
        return CHUNKS.inUse();
    }

    static Future<Void> stream(BlobStore blobs, Blocking blocking, String digest, long start, long length,
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
        int size = (int) Math.min(CHUNK, toRead);
        toRead -= size;
        reading = true;
        blocking.run(() -> read(size)).onComplete(this::chunkRead);
    }

    private void chunkRead(AsyncResult<ByteBuf> result) {
        reading = false;
        if (isDone()) {
            // The pull ended while this chunk was read; the content is closed only now that no read runs.
            if (result.succeeded()) {
                result.result().release();
            }
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
        while (!ready.isEmpty() && !response.writeQueueFull()) {
            ByteBuf chunk = ready.poll();
            toWrite -= chunk.readableBytes();
            // Vert.x writes an unreleasable view of the chunk; the pooled memory goes back once it is on the wire.
            response.write(BufferInternal.buffer(chunk)).onComplete(written -> chunk.release());
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

    private ByteBuf read(int size) {
        ByteBuf chunk = CHUNKS.take();
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
