package io.huruhuru.storage.blob;

import java.nio.ByteBuffer;

/** A forward-only reader of a range of a blob's bytes. Not thread-safe; close it when done. */
public interface BlobContent extends AutoCloseable {

    /**
     * Copies the next bytes of the range into {@code target} (a direct buffer is fastest) from its position on.
     *
     * @return the number of bytes copied, or -1 once the whole range has been read
     */
    int read(ByteBuffer target);

    @Override
    void close();
}
