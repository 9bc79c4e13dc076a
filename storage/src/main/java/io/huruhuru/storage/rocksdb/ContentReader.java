package io.huruhuru.storage.rocksdb;

import io.huruhuru.storage.StorageException;
import io.huruhuru.storage.blob.BlobContent;
import java.nio.ByteBuffer;
import org.rocksdb.ReadOptions;
import org.rocksdb.RocksIterator;
import org.rocksdb.Slice;

/**
 * Reads a range of the bytes stored under one content id: seeks to the value that holds the first offset, then walks
 * the following values in key order. A value is copied straight into the caller's buffer when it fits there whole,
 * else through one staging buffer from which the caller takes what it has room for.
 */
final class ContentReader implements BlobContent {

    private final Db db;
    private final Buffers buffers;
    private final byte[] contentId;
    private final long end;
    private long position;
    private ReadOptions readOptions;
    private Slice upperBound;
    private RocksIterator iterator;
    /** Offsets of the value under the iterator: [valueStart, valueEnd); valueEnd < 0 before the first seek. */
    private long valueStart;
    private long valueEnd = -1;
    private ByteBuffer staging;
    /** Asks the iterator for the length of its value without copying any of it. */
    private final ByteBuffer probe = ByteBuffer.allocateDirect(0);
    private long stagingStart;
    private boolean closed;

    ContentReader(Db db, Buffers buffers, byte[] contentId, long offset, long length) {
        if (offset < 0 || length < 0) {
            throw new IllegalArgumentException("negative offset or length");
        }
        this.db = db;
        this.buffers = buffers;
        this.contentId = contentId.clone();
        this.position = offset;
        this.end = offset + length;
    }

    @Override
    public int read(ByteBuffer target) {
        if (closed) {
            throw new IllegalStateException("the blob content is closed");
        }
        if (position >= end) {
            return -1;
        }
        if (!target.hasRemaining()) {
            return 0;
        }
        return db.call(() -> {
            if (closed) {
                throw new StorageException("the store was closed while reading");
            }
            int copied = copyFromStaging(target);
            if (copied > 0) {
                return copied;
            }
            moveTo(position);
            int wanted = (int) Math.min(target.remaining(), end - position);
            if (position == valueStart && target.isDirect()
                    && (wanted >= Buffers.VALUE_SIZE || wanted == end - position)) {
                return copyDirect(target, wanted);
            }
            stage();
            return copyFromStaging(target);
        });
    }

    /** Positions the iterator on the value that holds {@code offset}. */
    private void moveTo(long offset) {
        if (offset >= valueStart && offset < valueEnd) {
            return;
        }
        if (iterator == null) {
            open();
            seek(offset);
        } else if (offset == valueEnd) {
            iterator.next();
        } else {
            seek(offset);
        }
        if (!iterator.isValid()) {
            checkStatus();
            throw new StorageException("stored content ends before offset " + offset);
        }
        byte[] key = iterator.key();
        if (!Keys.isContentOf(contentId, key)) {
            throw new StorageException("stored content ends before offset " + offset);
        }
        long start = Keys.contentOffset(key);
        int length = iterator.value(probe.clear());
        if (start > offset || start + length <= offset) {
            throw new StorageException("stored content has a gap at offset " + offset);
        }
        valueStart = start;
        valueEnd = start + length;
    }

    private void open() {
        // Blob bytes are checked end to end by their digest, which every client verifies on pull, as with a registry
        // that serves plain files; RocksDB's block checksums cost a sixth of a pull's speed (bench/README.md).
        readOptions = new ReadOptions().setFillCache(false).setVerifyChecksums(false);
        upperBound = new Slice(Keys.contentEnd(contentId));
        readOptions.setIterateUpperBound(upperBound);
        iterator = db.iterator(Db.Family.CONTENT, readOptions);
        db.closeWithDatabase(this);
    }

    private void seek(long offset) {
        iterator.seekForPrev(Keys.content(contentId, offset));
    }

    private int copyDirect(ByteBuffer target, int wanted) {
        ByteBuffer window = target.slice(target.position(), wanted);
        int length = iterator.value(window);
        int copied = Math.min(length, wanted);
        target.position(target.position() + copied);
        position += copied;
        return copied;
    }

    private void stage() {
        if (staging == null) {
            staging = buffers.take();
        }
        staging.clear();
        int length = iterator.value(staging);
        if (length > staging.capacity()) {
            throw new StorageException("a content value is larger than " + staging.capacity() + " bytes");
        }
        staging.limit(length).position(0);
        stagingStart = valueStart;
    }

    private int copyFromStaging(ByteBuffer target) {
        if (staging == null || position < stagingStart || position >= stagingStart + staging.limit()) {
            return 0;
        }
        int from = (int) (position - stagingStart);
        int count = (int) Math.min(Math.min(staging.limit() - from, target.remaining()), end - position);
        target.put(target.position(), staging, from, count);
        target.position(target.position() + count);
        position += count;
        return count;
    }

    private void checkStatus() {
        try {
            iterator.status();
        } catch (org.rocksdb.RocksDBException e) {
            throw new StorageException("cannot read stored content", e);
        }
    }

    @Override
    public void close() {
        if (closed) {
            return;
        }
        closed = true;
        if (iterator != null) {
            db.forget(this);
            iterator.close();
            readOptions.close();
            upperBound.close();
        }
        buffers.give(staging);
        staging = null;
    }
}
