package io.huruhuru.storage.upload;

import io.huruhuru.oci.Digest;
import io.huruhuru.oci.RepositoryName;
import io.huruhuru.storage.blob.BlobInfo;
import java.nio.ByteBuffer;
import java.time.Instant;

/**
 * The stored bytes of one upload, written by one thread at a time (its {@link UploadSession} sees to that). Bytes are
 * appended as they arrive and hashed in the same pass; {@link #flush()} makes them survive a crash of the process;
 * {@link #commit} makes them durable and turns the upload into a blob.
 */
public interface Upload {

    /** The upload id (a random UUID string), used in the upload URL. */
    String id();

    RepositoryName repository();

    Instant started();

    /** Bytes received so far, including those appended but not yet flushed. */
    long size();

    /**
     * The bytes appended from now on are a chunk, which {@link #flush()} ends: the store may write them twice so that
     * the flush needs no sync.
     */
    void receiveChunk();

    /**
     * The bytes appended from now on are the final ones, which {@link #commit} ends: nothing acknowledges them before
     * the commit, so they are written once. An upload starts out receiving final bytes.
     */
    void receiveFinal();

    /** Appends the remaining bytes of {@code bytes} (consumed), hashing them as they are written. */
    void append(ByteBuffer bytes);

    /**
     * Makes every appended byte survive a crash of the process, so that a reloaded upload continues after it; after a
     * crash of the machine it may continue from an earlier size. Cheap when nothing is pending.
     */
    void flush();

    /**
     * Makes every byte durable, checks the digest of all bytes against {@code expected} and, if equal, records the
     * blob and links it into the upload's repository in one atomic step, ending the upload. A blob that is already
     * stored is deduplicated: the upload's bytes are dropped and the existing blob is linked.
     *
     * @throws DigestMismatchException if the bytes do not hash to {@code expected}; the upload is then cancelled and
     *     nothing is stored
     */
    BlobInfo commit(Digest expected);

    /** Drops the upload and all its bytes. Idempotent. */
    void cancel();
}
