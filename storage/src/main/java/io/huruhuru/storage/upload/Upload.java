package io.huruhuru.storage.upload;

import io.huruhuru.storage.blob.BlobInfo;
import java.nio.ByteBuffer;
import java.time.Instant;

/**
 * The single writer of one upload session. Bytes are appended as they arrive and hashed in the same pass;
 * {@link #flush()} makes them survive a crash of the process; {@link #commit(String)} makes them durable and turns
 * the upload into a blob.
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

    /**
     * Says how the bytes appended from now on end: with {@link #flush()}, as a chunk does, or with {@link #commit},
     * as the final bytes of a push do. It only changes the cost: the store may write a chunk's bytes twice so that
     * its flush needs no sync, and skips that for final bytes, which nothing acknowledges before the commit. An upload
     * starts out expecting a commit.
     */
    void expectFlush(boolean flushExpected);

    /**
     * Makes every appended byte survive a crash of the process, so that a reopened upload continues after it; after a
     * crash of the machine it may continue from an earlier size. Cheap when nothing is pending.
     */
    void flush();

    /**
     * Makes every byte durable, checks the digest of all bytes against {@code expectedDigest} ({@code algorithm:hex})
     * and, if equal, records the blob and links it into the upload's repository in one atomic step, ending the upload.
     * A blob that is already stored is deduplicated: the upload's bytes are dropped and the existing blob is linked.
     *
     * @throws DigestMismatchException if the bytes do not hash to {@code expectedDigest}; the upload is then cancelled
     *     and nothing is stored
     */
    BlobInfo commit(String expectedDigest);

    /** Drops the upload and all its bytes. Idempotent. */
    void cancel();
}
