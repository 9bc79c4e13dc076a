package io.huruhuru.server.validation;

import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.util.ArrayDeque;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;

/**
 * A bounded, byte-counted pipe from an upload's writer thread to a reader thread: the writer blocks while
 * {@code capacity} bytes wait, so a slow reader paces the upload instead of piling up memory. The reader sees an
 * {@link IOException} when the pipe is aborted or stays empty for longer than the idle timeout (an abandoned upload).
 */
final class ChunkPipe {

    private final long capacity;
    private final long idleNanos;
    private final ReentrantLock lock = new ReentrantLock();
    private final Condition changed = lock.newCondition();
    private final ArrayDeque<ByteBuffer> chunks = new ArrayDeque<>();
    private long queuedBytes;
    private boolean closed;
    private String abortedBecause;

    ChunkPipe(long capacity, long idleMillis) {
        this.capacity = capacity;
        this.idleNanos = TimeUnit.MILLISECONDS.toNanos(idleMillis);
    }

    /** Queues {@code chunk} (kept, not copied), waiting for room; false if the pipe no longer takes bytes. */
    boolean put(ByteBuffer chunk) throws InterruptedException {
        lock.lock();
        try {
            while (queuedBytes >= capacity && !closed && abortedBecause == null) {
                changed.await();
            }
            if (closed || abortedBecause != null) {
                return false;
            }
            chunks.add(chunk);
            queuedBytes += chunk.remaining();
            changed.signalAll();
            return true;
        } finally {
            lock.unlock();
        }
    }

    /** No more bytes: the reader sees the end of the stream once the queue is drained. */
    void close() {
        lock.lock();
        try {
            closed = true;
            changed.signalAll();
        } finally {
            lock.unlock();
        }
    }

    /** Drops what is queued; the reader fails, the writer stops waiting. Idempotent. */
    void abort(String because) {
        lock.lock();
        try {
            if (abortedBecause == null && !(closed && chunks.isEmpty())) {
                abortedBecause = because;
            }
            chunks.clear();
            queuedBytes = 0;
            changed.signalAll();
        } finally {
            lock.unlock();
        }
    }

    InputStream inputStream() {
        return new InputStream() {
            @Override
            public int read() throws IOException {
                byte[] one = new byte[1];
                return read(one, 0, 1) < 0 ? -1 : one[0] & 0xff;
            }

            @Override
            public int read(byte[] target, int offset, int length) throws IOException {
                if (length == 0) {
                    return 0;
                }
                lock.lock();
                try {
                    long waited = 0;
                    while (chunks.isEmpty() && !closed && abortedBecause == null) {
                        if (waited >= idleNanos) {
                            abortedBecause = "no bytes for " + TimeUnit.NANOSECONDS.toSeconds(idleNanos) + " s";
                            changed.signalAll();
                            break;
                        }
                        long started = System.nanoTime();
                        changed.awaitNanos(idleNanos - waited);
                        waited += System.nanoTime() - started;
                    }
                    if (abortedBecause != null) {
                        throw new IOException("the upload was given up: " + abortedBecause);
                    }
                    ByteBuffer head = chunks.peek();
                    if (head == null) {
                        return -1;
                    }
                    int n = Math.min(length, head.remaining());
                    head.get(target, offset, n);
                    if (!head.hasRemaining()) {
                        chunks.poll();
                    }
                    queuedBytes -= n;
                    changed.signalAll();
                    return n;
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new IOException("interrupted", e);
                } finally {
                    lock.unlock();
                }
            }
        };
    }
}
