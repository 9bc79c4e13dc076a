package io.huruhuru.storage.upload;

import io.huruhuru.oci.Digest;
import io.huruhuru.oci.RepositoryName;
import io.huruhuru.storage.blob.BlobInfo;
import java.nio.ByteBuffer;

/**
 * The life of one live upload: its {@link UploadState}, the one request allowed to write it, and the listener told of
 * its bytes. Transitions take this object's monitor only for a moment, so that claiming, releasing and reading the
 * state never wait for storage; storage steps on the upload take a second lock, so that a cancel or an expiry is
 * applied between two steps of a writer, never in the middle of one. The writer's next step then fails with
 * {@link UploadUnknownException}. Locks are taken in the order storage, then state.
 */
public final class UploadSession {

    private final Uploads table;
    private final Upload upload;
    private final UploadListener listener;
    /** Held by every storage step on {@link #upload}. */
    private final Object storage = new Object();
    private UploadState state = UploadState.OPEN;
    private Writer writer;
    /** Read without a lock, so that a status request never waits for an append. */
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

    /** Bytes received so far, as of the last completed append. */
    public long size() {
        return size;
    }

    public synchronized UploadState state() {
        return state;
    }

    /**
     * Claims the upload for a request whose body is a chunk: {@link Writer#finish()} flushes it and frees the upload.
     * Does not block.
     *
     * @throws UploadBusyException if another request is writing it
     * @throws UploadUnknownException if it has ended
     */
    public Writer receiveChunk() {
        return claim(true);
    }

    /**
     * Claims the upload for a request whose body holds the final bytes, which {@link Writer#commit} ends. Does not
     * block.
     *
     * @throws UploadBusyException if another request is writing it
     * @throws UploadUnknownException if it has ended
     */
    public Writer receiveFinal() {
        return claim(false);
    }

    /**
     * Cancels the upload and drops its bytes, also while a request writes it (that request's next step fails). Blocks
     * until a storage step under way is done.
     *
     * @throws UploadUnknownException if it has ended or is being committed
     */
    public void cancel() {
        synchronized (this) {
            requireLive();
            if (state == UploadState.COMMITTING) {
                throw new UploadUnknownException(id(), "is being committed");
            }
            end(UploadState.CANCELLED);
        }
        drop();
    }

    /** Expires the upload, dropping its bytes, unless a request is writing it; returns whether it expired. */
    boolean expire() {
        synchronized (this) {
            if (state != UploadState.OPEN) {
                return false;
            }
            end(UploadState.EXPIRED);
        }
        drop();
        return true;
    }

    /**
     * Deletes the bytes of a cancelled or expired upload, then leaves the table: until they are gone, a request for
     * this id finds the ended session (unknown) rather than loading the record that is being deleted.
     */
    private void drop() {
        try {
            synchronized (storage) {
                upload.cancel();
            }
        } finally {
            table.forget(this);
            listener.abandoned();
        }
    }

    private synchronized Writer claim(boolean chunk) {
        requireLive();
        if (state != UploadState.OPEN) {
            throw new UploadBusyException(id());
        }
        state = UploadState.RECEIVING;
        writer = new Writer(chunk);
        return writer;
    }

    private void requireLive() {
        if (state.ended()) {
            throw new UploadUnknownException(id(), "has ended (" + state.name().toLowerCase() + ")");
        }
    }

    /**
     * Moves to an end state; the caller holds the monitor. A committed or failed upload leaves the table at once (its
     * record is gone, or the next request reloads it); a cancelled or expired one once {@link #drop()} deleted it.
     */
    private void end(UploadState ended) {
        state = ended;
        writer = null;
        if (ended == UploadState.COMMITTED || ended == UploadState.FAILED) {
            table.forget(this);
        }
    }

    /** The one request writing the upload. Its methods but {@link #release()} block: call them on a worker. */
    public final class Writer {

        private final boolean chunk;
        /** Whether the upload was told what kind of bytes this writer appends. */
        private boolean told;

        private Writer(boolean chunk) {
            this.chunk = chunk;
        }

        /** The upload this writes. */
        public UploadSession session() {
            return UploadSession.this;
        }

        /** Appends (consuming) {@code bytes} and hands them to the listener. */
        public void append(ByteBuffer bytes) {
            ByteBuffer heard = bytes.duplicate();
            synchronized (storage) {
                step(() -> upload.append(bytes));
                size = upload.size();
            }
            listener.received(heard);
        }

        /** Makes the bytes appended so far survive a crash of the process. */
        public void flush() {
            synchronized (storage) {
                step(upload::flush);
            }
        }

        /** Flushes a chunk and frees the upload for the next request. */
        public void finish() {
            if (!chunk) {
                throw new IllegalStateException("final bytes end with a commit");
            }
            synchronized (storage) {
                step(upload::flush);
                synchronized (UploadSession.this) {
                    requireMine();
                    state = UploadState.OPEN;
                    writer = null;
                }
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
            if (chunk) {
                throw new IllegalStateException("a chunk ends with finish");
            }
            BlobInfo blob;
            synchronized (storage) {
                step(() -> { });
                synchronized (UploadSession.this) {
                    requireMine();
                    state = UploadState.COMMITTING;
                }
                try {
                    blob = upload.commit(expected);
                } catch (RuntimeException | Error e) {
                    // the store cancelled a mismatching upload itself: its bytes are gone
                    fail(e instanceof DigestMismatchException ? UploadState.CANCELLED : UploadState.FAILED);
                    throw e;
                }
                synchronized (UploadSession.this) {
                    end(UploadState.COMMITTED);
                }
            }
            listener.committed(blob.digest());
            return blob;
        }

        /**
         * Runs a storage step of this writer, which must still be the upload's. A step that fails half-way leaves the
         * handle out of step with what is stored, so this session ends and the next request reloads the upload.
         * The caller holds the storage lock.
         */
        private void step(Runnable action) {
            synchronized (UploadSession.this) {
                requireMine();
            }
            try {
                if (!told) {
                    if (chunk) {
                        upload.receiveChunk();
                    } else {
                        upload.receiveFinal();
                    }
                    told = true;
                }
                action.run();
            } catch (RuntimeException | Error e) {
                fail(UploadState.FAILED);
                throw e;
            }
        }

        /** Ends the upload after a failed step, unless a cancel ended it meanwhile, and tells the listener. */
        private void fail(UploadState ended) {
            boolean endedHere;
            synchronized (UploadSession.this) {
                endedHere = !state.ended();
                if (endedHere) {
                    end(ended);
                }
            }
            if (endedHere) {
                if (ended == UploadState.CANCELLED) {
                    table.forget(UploadSession.this);
                }
                listener.abandoned();
            }
        }

        /** The caller holds the monitor. */
        private void requireMine() {
            requireLive();
            if (writer != this) {
                throw new UploadUnknownException(id(), "is no longer written by this request");
            }
        }
    }
}
