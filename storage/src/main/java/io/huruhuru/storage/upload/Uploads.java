package io.huruhuru.storage.upload;

import io.huruhuru.oci.DigestAlgorithm;
import io.huruhuru.oci.RepositoryName;
import java.time.Instant;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.regex.Pattern;

/**
 * The one table of live uploads in this process, by id, over the {@link UploadStore} that keeps them: an upload is
 * loaded from the store on first use after a restart and stays in the table until it ends. Its methods may block.
 */
public final class Uploads {

    /** The form of the ids that {@link UploadStore#start} hands out; anything else names no upload. */
    private static final Pattern ID = Pattern.compile("[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}");

    private final UploadStore store;
    private final ConcurrentMap<String, UploadSession> live = new ConcurrentHashMap<>();
    /** Serialises loading an upload with deleting it, so that none is deleted while a handle of it is being made. */
    private final Object loading = new Object();

    public Uploads(UploadStore store) {
        this.store = store;
    }

    /** Starts a new upload whose bytes nobody listens to. */
    public UploadSession start(RepositoryName repository, DigestAlgorithm algorithm) {
        return start(repository, algorithm, UploadListener.Factory.NONE);
    }

    /** Starts a new upload into {@code repository}, telling the listener {@code listeners} makes of its bytes. */
    public UploadSession start(RepositoryName repository, DigestAlgorithm algorithm, UploadListener.Factory listeners) {
        Upload upload = store.start(repository, algorithm);
        UploadSession session = new UploadSession(this, upload, listeners.forUpload(repository, upload.id()));
        live.put(upload.id(), session);
        return session;
    }

    /**
     * The live upload {@code uploadId} of {@code repository}, loaded from the store if it was started before a
     * restart (bytes stored before a restart were heard by no listener, so it gets none).
     *
     * @throws UploadUnknownException if there is no such upload in {@code repository} or it has ended
     */
    public UploadSession find(RepositoryName repository, String uploadId) {
        Optional<UploadSession> live = findLive(repository, uploadId);
        if (live.isPresent()) {
            return live.get();
        }
        if (uploadId == null || !ID.matcher(uploadId).matches()) {
            throw new UploadUnknownException(String.valueOf(uploadId).replace('\0', '?'), "is no upload id");
        }
        return checked(load(uploadId), repository);
    }

    /**
     * The upload {@code uploadId} of {@code repository} if it is in the table of live uploads; empty if it may have to
     * be loaded by {@link #find}. Does not block.
     *
     * @throws UploadUnknownException if it is live but in another repository, or has ended
     */
    public Optional<UploadSession> findLive(RepositoryName repository, String uploadId) {
        UploadSession session = uploadId == null ? null : live.get(uploadId);
        return session == null ? Optional.empty() : Optional.of(checked(session, repository));
    }

    private static UploadSession checked(UploadSession session, RepositoryName repository) {
        if (!session.repository().equals(repository)) {
            throw new UploadUnknownException(session.id(), "is not an upload of " + repository);
        }
        if (session.state().ended()) {
            throw new UploadUnknownException(session.id(), "has ended");
        }
        return session;
    }

    private UploadSession load(String uploadId) {
        synchronized (loading) {
            UploadSession session = live.get(uploadId);
            if (session != null) {
                return session;
            }
            Upload upload = store.load(uploadId)
                    .orElseThrow(() -> new UploadUnknownException(uploadId, "does not exist"));
            session = new UploadSession(this, upload, UploadListener.NONE);
            live.put(uploadId, session);
            return session;
        }
    }

    /**
     * Expires, with their bytes, the uploads started before {@code cutoff} that no request is writing now; a request
     * that comes for one later finds it unknown. Returns how many it expired.
     */
    public int purgeStartedBefore(Instant cutoff) {
        int purged = 0;
        for (String id : store.startedBefore(cutoff)) {
            UploadSession session = live.get(id);
            if (session != null) {
                purged += session.expire() ? 1 : 0;
                continue;
            }
            synchronized (loading) {
                // a request that loaded it meanwhile keeps it until the next purge
                if (!live.containsKey(id) && store.delete(id)) {
                    purged++;
                }
            }
        }
        return purged;
    }

    /**
     * How many uploads are in progress in this process: started or resumed since the store opened, and not yet
     * committed, cancelled or expired. Uploads abandoned before a restart are not counted until a request resumes
     * them (their records are, in {@link io.huruhuru.storage.statistics.RecordKind#UPLOADS}).
     */
    public int inProgress() {
        return live.size();
    }

    /**
     * Bytes received so far by the uploads {@link #inProgress()} counts: one pass over the table of live uploads, in
     * memory, no storage call.
     */
    public long bytesInProgress() {
        long bytes = 0;
        for (UploadSession session : live.values()) {
            bytes += session.size();
        }
        return bytes;
    }

    /** Whether upload {@code uploadId} is in the table of live uploads. */
    public boolean isLive(String uploadId) {
        return live.containsKey(uploadId);
    }

    void forget(UploadSession session) {
        live.remove(session.id(), session);
    }
}
