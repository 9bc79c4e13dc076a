package io.huruhuru.storage.upload;

/**
 * Where an upload stands in its life. It starts {@link #OPEN}; a request moves it to {@link #RECEIVING} while it
 * writes bytes and back to {@link #OPEN} when its chunk is flushed, or on to {@link #COMMITTING} and
 * {@link #COMMITTED} with its final bytes. {@link #CANCELLED} (a client's delete, or a digest mismatch) may come from
 * any live state but committing, {@link #EXPIRED} (the purge of an abandoned upload) only from {@link #OPEN}.
 * {@link #FAILED} says a storage step failed half-way: the stored upload is reloaded by the next request.
 */
public enum UploadState {
    OPEN, RECEIVING, COMMITTING, COMMITTED, CANCELLED, EXPIRED, FAILED;

    /** Whether the upload has left the table of live uploads for good (in this handle). */
    public boolean ended() {
        return this == COMMITTED || this == CANCELLED || this == EXPIRED || this == FAILED;
    }
}
