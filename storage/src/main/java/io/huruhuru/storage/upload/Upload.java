package io.huruhuru.storage.upload;

import io.huruhuru.storage.blob.BlobInfo;
import java.nio.ByteBuffer;
import java.time.Instant;

/**
 * The single writer of one upload session. Bytes are appended as they arrive and hashed in the same pass;
 * {@link #flush()} makes them durable; {@link #commit(String)} turns the upload into a blob.
 */
public interface Upload {

    /** The session id (a random UUID string), used in the upload URL. */
    String id();

    String repository();

    Instant started();

    /** Bytes received so far, including those appended but not yet flushed. */
    long size();

    /** Appends the remaining bytes of {@code bytes} (consumed), hashing them as they are written. */
    void append(ByteBuffer bytes);

    /** Makes every appended byte durable, so that a reopened upload continues after it. Cheap when nothing is pending. */
    void flush();

    /**
     * Flushes, checks the digest of all bytes against {@code expectedDigest} ({@code algorithm:hex}) and, if equal,
     * records the blob and links it into the upload's repository in one atomic step, ending the upload. A blob that is
     * already stored is deduplicated: the upload's bytes are dropped and the existing blob is linked.
     *
     * @throws DigestMismatchException if the bytes do not hash to {@code expectedDigest}; the upload is then cancelled
     *     and nothing is stored
     */
    BlobInfo commit(String expectedDigest);

    /** Drops the upload and all its bytes. Idempotent. */
    void cancel();
}
