package io.huruhuru.server.v2.blob;

import io.huruhuru.server.blocking.Blocking;
import io.huruhuru.storage.blob.BlobContent;
import io.huruhuru.storage.blob.BlobStore;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.PooledByteBufAllocator;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.http.HttpServerResponse;
import io.vertx.core.internal.buffer.BufferInternal;

/**
 * Copies a range of a blob to a response, one chunk at a time: each chunk is read on a worker into a pooled direct
 * buffer, written without copying, and the next read waits while the connection's write queue is full.
 */
final class BlobStreamer {

    /** One RocksDB content value: the unit storage reads most cheaply. */
    private static final int CHUNK = 1024 * 1024;

    private final BlobContent content;
    private final Blocking blocking;
    private final HttpServerResponse response;
    private final Promise<Void> done = Promise.promise();
    private long remaining;
    private boolean reading;

    private BlobStreamer(BlobContent content, Blocking blocking, HttpServerResponse response, long length) {
        this.content = content;
        this.blocking = blocking;
        this.response = response;
        this.remaining = length;
    }

    static Future<Void> stream(BlobStore blobs, Blocking blocking, String digest, long start, long length,
            HttpServerResponse response) {
        return blocking.run(() -> blobs.open(digest, start, length))
                .compose(content -> {
                    BlobStreamer streamer = new BlobStreamer(content, blocking, response, length);
                    response.closeHandler(closed -> streamer.finish(new IllegalStateException("client went away")));
                    streamer.next();
                    return streamer.done.future();
                });
    }

    private void next() {
        if (remaining == 0) {
            response.end();
            finish(null);
            return;
        }
        int size = (int) Math.min(CHUNK, remaining);
        reading = true;
        blocking.run(() -> read(size)).onComplete(result -> {
            reading = false;
            if (done.future().isComplete()) {
                // The client went away while this chunk was read; the content is closed only now that no read runs.
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
            ByteBuf chunk = result.result();
            remaining -= chunk.readableBytes();
            // Vert.x writes an unreleasable view of the chunk; the pooled memory goes back once it is on the wire.
            response.write(BufferInternal.buffer(chunk)).onComplete(written -> chunk.release());
            if (response.writeQueueFull()) {
                response.drainHandler(drained -> next());
            } else {
                next();
            }
        });
    }

    private ByteBuf read(int size) {
        ByteBuf chunk = PooledByteBufAllocator.DEFAULT.directBuffer(size, size);
        try {
            java.nio.ByteBuffer target = chunk.nioBuffer(0, size);
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

    private void finish(Throwable failure) {
        if (done.future().isComplete()) {
            return;
        }
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
