package io.huruhuru.server.v2.upload;

import io.huruhuru.storage.upload.Upload;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * An upload open in this process: the storage handle, which only one request may write at a time.
 *
 * <p>Storage calls on the handle run on workers while holding this session's monitor, so that a status request
 * never sees a half-applied append.
 */
final class UploadSession {

    private final Upload upload;
    private final AtomicBoolean writing = new AtomicBoolean();

    UploadSession(Upload upload) {
        this.upload = upload;
    }

    Upload upload() {
        return upload;
    }

    String id() {
        return upload.id();
    }

    /** Claims the session for one writing request; false if another request is writing it. */
    boolean claim() {
        return writing.compareAndSet(false, true);
    }

    void release() {
        writing.set(false);
    }
}
