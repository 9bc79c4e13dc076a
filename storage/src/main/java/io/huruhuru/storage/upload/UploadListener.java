package io.huruhuru.storage.upload;

import io.huruhuru.oci.Digest;
import io.huruhuru.oci.RepositoryName;
import java.nio.ByteBuffer;

/** Told of an upload's bytes as they are received, in order, and of how the upload ends. */
public interface UploadListener {

    /** Bytes just appended to the upload, on the thread that stored them; they may be kept by reference. */
    void received(ByteBuffer bytes);

    /** The upload was committed as {@code digest}. */
    void committed(Digest digest);

    /** The upload was cancelled, expired or failed. Idempotent. */
    void abandoned();

    /** A listener that ignores everything. */
    UploadListener NONE = new UploadListener() {
        @Override
        public void received(ByteBuffer bytes) {
        }

        @Override
        public void committed(Digest digest) {
        }

        @Override
        public void abandoned() {
        }
    };

    /** Makes the listener of each new upload. */
    @FunctionalInterface
    interface Factory {

        /** Called once per started upload, on a thread that may block. */
        UploadListener forUpload(RepositoryName repository, String uploadId);

        /** Listens to no upload. */
        Factory NONE = (repository, uploadId) -> UploadListener.NONE;
    }
}
