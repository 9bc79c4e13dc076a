package io.huruhuru.storage.upload;

import io.huruhuru.oci.Digest;
import io.huruhuru.oci.RepositoryName;
import io.huruhuru.storage.blob.BlobInfo;
import java.nio.ByteBuffer;
import java.time.Instant;

/**
 * The life of one live upload: its {@link UploadState}, the one request allowed to write it, and the listener told of
 * its bytes. Every storage step on the upload runs under this object's monitor, so that a cancel or an expiry is
 * applied between two steps of a writer, never in the middle of one; a writer's next step then fails with
 * {@link UploadUnknownException}.
 */
public final class UploadSession {

    private final Uploads table;
    private final Upload upload;
    private final UploadListener listener;
    private UploadState state = UploadState.OPEN;
    private Writer writer;
    /** Read without the monitor, so that a status request never waits for an append. */
    private volatile long size;

    UploadSession(Uploads table, Upload upload, UploadListener listener) {
        this.table = table;
        this.upload = upload;
        this.listener = listener;
        this.size = upload.size();
    }

    public String id() {
        return upload.id();
    }

    public RepositoryName repository() {
        return upload.repository();
    }

    public Instant started() {
        return upload.started();
    }

    /** Bytes received so far, as of the last completed append. */
    public long size() {
        return size;
    }

    public synchronized UploadState state() {
        return state;
    }

    /**
     * Claims the upload for a request whose body is a chunk: {@link Writer#finish()} flushes it and frees the upload.
     *
     * @throws UploadBusyException if another request is writing it
     * @throws UploadUnknownException if it has ended
     */
    public Writer receiveChunk() {
        return claim(true);
    }

    /**
     * Claims the upload for a request whose body holds the final bytes, which {@link Writer#commit} ends.
     *
     * @throws UploadBusyException if another request is writing it
     * @throws UploadUnknownException if it has ended
     */
    public Writer receiveFinal() {
        return claim(false);
    }

    /**
     * Cancels the upload and drops its bytes, also while a request writes it (that request's next step fails).
     *
     * @throws UploadUnknownException if it has ended
     */
    public void cancel() {
        synchronized (this) {
            requireLive();
            if (state == UploadState.COMMITTING) {
                throw new UploadUnknownException(id(), "is being committed");
            }
            end(UploadState.CANCELLED);
            upload.cancel();
        }
        listener.abandoned();
    }

    /** Expires the upload, dropping its bytes, unless a request is writing it; returns whether it expired. */
    boolean expire() {
        synchronized (this) {
            if (state != UploadState.OPEN) {
                return false;
            }
            end(UploadState.EXPIRED);
            upload.cancel();
        }
        listener.abandoned();
        return true;
    }

    private synchronized Writer claim(boolean chunk) {
        requireLive();
        if (state != UploadState.OPEN) {
            throw new UploadBusyException(id());
        }
        state = UploadState.RECEIVING;
        writer = new Writer(chunk);
        step(() -> {
            if (chunk) {
                upload.receiveChunk();
            } else {
                upload.receiveFinal();
            }
        });
        return writer;
    }

    private void requireLive() {
        if (state.ended()) {
            throw new UploadUnknownException(id(), "has ended (" + state.name().toLowerCase() + ")");
        }
    }

    private void end(UploadState ended) {
        state = ended;
        writer = null;
        table.forget(this);
    }

    /**
     * Runs a storage step. One that fails half-way leaves the handle out of step with what is stored, so this session
     * ends and the next request reloads the upload from the store.
     */
    private void step(Runnable action) {
        try {
            action.run();
        } catch (RuntimeException e) {
            end(UploadState.FAILED);
            throw e;
        }
    }

    /** The one request writing the upload. Its methods block: call them on a worker. */
    public final class Writer {

        private final boolean chunk;

        private Writer(boolean chunk) {
            this.chunk = chunk;
        }

        /** Appends (consuming) {@code bytes} and hands them to the listener. */
        public void append(ByteBuffer bytes) {
            ByteBuffer heard = bytes.duplicate();
            synchronized (UploadSession.this) {
                requireMine();
                step(() -> upload.append(bytes));
                size = upload.size();
            }
            listener.received(heard);
        }

        /** Makes the bytes appended so far survive a crash of the process. */
        public void flush() {
            synchronized (UploadSession.this) {
                requireMine();
                step(upload::flush);
            }
        }

        /** Flushes a chunk and frees the upload for the next request. */
        public void finish() {
            synchronized (UploadSession.this) {
                requireMine();
                if (!chunk) {
                    throw new IllegalStateException("final bytes end with a commit");
                }
                step(upload::flush);
                state = UploadState.OPEN;
                writer = null;
            }
        }

        /** Frees the upload without finishing, as a request that failed does. Does nothing once it is not mine. */
        public void release() {
            synchronized (UploadSession.this) {
                if (writer == this && state == UploadState.RECEIVING) {
                    state = UploadState.OPEN;
                    writer = null;
                }
            }
        }

        /**
         * Commits the final bytes as {@code expected} and ends the upload.
         *
         * @throws DigestMismatchException if they hash otherwise; the upload is then cancelled
         */
        public BlobInfo commit(Digest expected) {
            BlobInfo blob;
            synchronized (UploadSession.this) {
                requireMine();
                if (chunk) {
                    throw new IllegalStateException("a chunk ends with finish");
                }
                state = UploadState.COMMITTING;
                try {
                    blob = upload.commit(expected);
                } catch (DigestMismatchException e) {
                    end(UploadState.CANCELLED);
                    listener.abandoned();
                    throw e;
                } catch (RuntimeException e) {
                    end(UploadState.FAILED);
                    listener.abandoned();
                    throw e;
                }
                end(UploadState.COMMITTED);
            }
            listener.committed(blob.digest());
            return blob;
        }

        private void requireMine() {
            requireLive();
            if (writer != this) {
                throw new UploadUnknownException(id(), "is no longer written by this request");
            }
        }
    }
}
