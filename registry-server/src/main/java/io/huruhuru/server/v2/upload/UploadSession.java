package io.huruhuru.server.v2.upload;

import io.huruhuru.server.validation.UploadIndexing;
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
    private final UploadIndexing.Tee tee;
    private final AtomicBoolean writing = new AtomicBoolean();

    UploadSession(Upload upload, UploadIndexing.Tee tee) {
        this.upload = upload;
        this.tee = tee;
    }

    Upload upload() {
        return upload;
    }

    /** Where the upload's bytes also go, in order, to learn what the blob contains. */
    UploadIndexing.Tee tee() {
        return tee;
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
