package io.huruhuru.server.v2.upload;

import io.huruhuru.server.blocking.Blocking;
import io.huruhuru.server.http.ErrorCode;
import io.huruhuru.server.http.RegistryException;
import io.huruhuru.storage.upload.UploadSession;
import io.vertx.core.AsyncResult;
import io.vertx.core.Future;
import io.vertx.core.Handler;
import io.vertx.core.Promise;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.internal.buffer.BufferInternal;
import io.vertx.core.streams.WriteStream;
import java.util.ArrayList;
import java.util.List;

/**
 * The write end of a request body piped into an upload: buffers are handed to a worker in batches, appended (and
 * hashed) in arrival order, and the request is paused while more than {@link #HIGH_WATER} bytes wait for storage.
 * Ending the sink flushes, so that the bytes outlive the process before the response says they were received; a
 * chunk's writer is then finished, which frees the upload, while final bytes leave it to commit.
 *
 * <p>All methods are called on the request's event loop.
 */
final class UploadSink implements WriteStream<Buffer> {

    /** Bytes allowed to wait for storage before the request is paused: a few RocksDB values' worth. */
    static final int HIGH_WATER = 8 * 1024 * 1024;

    private final UploadSession.Writer writer;
    private final Blocking blocking;
    private final boolean chunk;
    private final long maxBytes;
    private final Promise<Void> ended = Promise.promise();
    private List<Buffer> pending = new ArrayList<>();
    private long pendingBytes;
    private long received;
    private boolean appending;
    private boolean endRequested;
    private Throwable failure;
    private Handler<Void> drainHandler;

    /** {@code maxBytes}: the most this request's body may carry, zero for no limit. */
    UploadSink(UploadSession.Writer writer, Blocking blocking, boolean chunk, long maxBytes) {
        this.writer = writer;
        this.blocking = blocking;
        this.chunk = chunk;
        this.maxBytes = maxBytes;
    }

    /** Bytes of the body received so far. */
    long received() {
        return received;
    }

    /** Completes once every received byte is flushed (or fails with the storage error). */
    Future<Void> done() {
        return ended.future();
    }

    @Override
    public Future<Void> write(Buffer data) {
        if (failure != null) {
            return Future.failedFuture(failure);
        }
        if (maxBytes > 0 && received + data.length() > maxBytes) {
            // the rest is not read: the sink ends failed once no append is in flight, and the answer closes the
            // connection; nothing of this request is committed
            failure = RegistryException.of(ErrorCode.TOO_LARGE, "an upload request may carry at most " + maxBytes
                    + " bytes");
            pendingBytes -= pending.stream().mapToLong(Buffer::length).sum();
            pending.clear();
            endRequested = true;
            if (!appending) {
                ended.tryFail(failure);
            }
            return Future.failedFuture(failure);
        }
        pending.add(data);
        pendingBytes += data.length();
        received += data.length();
        appendPending();
        return Future.succeededFuture();
    }

    @Override
    public Future<Void> end() {
        endRequested = true;
        appendPending();
        return ended.future();
    }

    private void appendPending() {
        if (appending) {
            return;
        }
        if (pending.isEmpty()) {
            if (endRequested) {
                finish();
            }
            return;
        }
        appending = true;
        List<Buffer> batch = pending;
        long batchBytes = pendingBytes;
        pending = new ArrayList<>();
        blocking.run(() -> {
            for (Buffer buffer : batch) {
                // Vert.x hands request bytes over as unpooled heap copies, so the listener may keep them.
                writer.append(((BufferInternal) buffer).getByteBuf().nioBuffer());
            }
            return null;
        }).onComplete(result -> afterAppend(result, batchBytes));
    }

    private void afterAppend(AsyncResult<Object> result, long batchBytes) {
        appending = false;
        pendingBytes -= batchBytes;
        if (result.failed() && failure == null) {
            failure = result.cause();
            pending.clear();
            pendingBytes = 0;
        }
        if (failure == null) {
            appendPending();
        } else if (endRequested) {
            ended.tryFail(failure);
        }
        if (drainHandler != null && !writeQueueFull()) {
            Handler<Void> handler = drainHandler;
            drainHandler = null;
            handler.handle(null);
        }
    }

    private void finish() {
        if (failure != null) {
            ended.tryFail(failure);
            return;
        }
        blocking.run(() -> {
            if (chunk) {
                writer.finish();
            } else {
                writer.flush();
            }
            return null;
        }).onComplete(result -> {
            if (result.succeeded()) {
                ended.tryComplete();
            } else {
                ended.tryFail(result.cause());
            }
        });
    }

    @Override
    public WriteStream<Buffer> exceptionHandler(Handler<Throwable> handler) {
        return this;
    }

    @Override
    public WriteStream<Buffer> setWriteQueueMaxSize(int maxSize) {
        return this;
    }

    @Override
    public boolean writeQueueFull() {
        return pendingBytes >= HIGH_WATER;
    }

    @Override
    public WriteStream<Buffer> drainHandler(Handler<Void> handler) {
        this.drainHandler = handler;
        return this;
    }
}
