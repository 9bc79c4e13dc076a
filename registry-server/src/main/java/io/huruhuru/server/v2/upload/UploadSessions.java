package io.huruhuru.server.v2.upload;

import io.huruhuru.server.blocking.Blocking;
import io.huruhuru.server.http.ErrorCode;
import io.huruhuru.server.http.RegistryException;
import io.huruhuru.server.validation.UploadIndexing;
import io.huruhuru.oci.DigestAlgorithm;
import io.huruhuru.storage.upload.Upload;
import io.huruhuru.storage.upload.UploadStore;
import io.vertx.core.Future;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The uploads open in this process, by id; an upload started before a restart is reopened from storage on first use.
 * One per registry, shared by the handlers of every event loop: a session is what lets only one request at a time
 * write an upload, whichever connection each request comes on.
 */
public final class UploadSessions {

    private final UploadStore store;
    private final Blocking blocking;
    private final Optional<UploadIndexing> indexing;
    private final Map<String, UploadSession> open = new ConcurrentHashMap<>();

    /** @param indexing reads layers as they are uploaded, when enabled */
    public UploadSessions(UploadStore store, Blocking blocking, Optional<UploadIndexing> indexing) {
        this.store = store;
        this.blocking = blocking;
        this.indexing = indexing;
    }

    Future<UploadSession> start(String repository, DigestAlgorithm algorithm) {
        return blocking.run(() -> {
            Upload upload = store.start(repository, algorithm);
            UploadSession session = new UploadSession(upload,
                    indexing.map(i -> i.start(repository, upload.id())).orElse(UploadIndexing.NONE));
            open.put(session.id(), session);
            return session;
        });
    }

    /** The session of upload {@code id} in {@code repository}, or BLOB_UPLOAD_UNKNOWN. */
    Future<UploadSession> find(String repository, String id) {
        UploadSession session = open.get(id);
        Future<UploadSession> found = session != null ? Future.succeededFuture(session)
                : blocking.run(() -> store.open(id)
                        // bytes stored before a restart were not seen: this upload's blob is read at validation
                        .map(upload -> open.computeIfAbsent(id, key -> new UploadSession(upload, UploadIndexing.NONE)))
                        .orElse(null));
        return found.compose(s -> s != null && s.upload().repository().equals(repository)
                ? Future.succeededFuture(s)
                : Future.failedFuture(RegistryException.of(ErrorCode.BLOB_UPLOAD_UNKNOWN, "upload " + id + " is not open in " + repository)));
    }

    /** Forgets a committed or cancelled session. */
    void close(UploadSession session) {
        open.remove(session.id(), session);
    }

    /**
     * Cancels the upload of {@code session} and forgets the session, both under its monitor, so that a request that
     * holds the monitor sees the upload either open or gone. Blocks: call it on a worker.
     */
    void cancel(UploadSession session) {
        synchronized (session) {
            session.upload().cancel();
            close(session);
        }
        session.tee().abandon();
    }

    /** Whether {@code session} is still the open session of its upload (not committed, cancelled or purged). */
    boolean isOpen(UploadSession session) {
        return open.get(session.id()) == session;
    }

    /**
     * Deletes, with their bytes, the uploads started before {@code cutoff} that no request is writing now; a request
     * that comes for one later gets BLOB_UPLOAD_UNKNOWN. Blocks: call it on a worker. Returns how many it deleted.
     */
    int purgeStartedBefore(Instant cutoff) {
        int purged = 0;
        for (String id : store.startedBefore(cutoff)) {
            UploadSession session = open.get(id);
            if (session == null) {
                // false when a request opened it meanwhile: the next purge finds its session
                purged += store.deleteIfNotOpen(id) ? 1 : 0;
            } else if (session.claim()) {
                try {
                    cancel(session);
                    purged++;
                } finally {
                    session.release();
                }
            }
        }
        return purged;
    }
}
