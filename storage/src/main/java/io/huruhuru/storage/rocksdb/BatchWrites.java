package io.huruhuru.storage.rocksdb;

import io.huruhuru.storage.StorageException;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.rocksdb.WriteBatch;

/**
 * The puts and deletes of a batch in the counted families, in order, a delete with a null value. The store writes counted records only
 * with puts and deletes (only {@code blob_seen} has a merge operator, range deletes only drop content), so a merge
 * or range delete of a counted family is noted and refused after the walk rather than miscounted;
 * nothing is thrown from inside the walk, which RocksDB drives from native code.
 */
final class BatchWrites extends WriteBatch.Handler {

    /** One put or delete of {@code key} in the column family with id {@code familyId}. */
    record Write(int familyId, byte[] key, byte[] value) {
    }

    private final Set<Integer> counted;
    private final List<Write> writes = new ArrayList<>();
    private String unsupported;

    /** @param counted the ids of the families whose writes are kept; writes of other families are passed over */
    BatchWrites(Set<Integer> counted) {
        this.counted = counted;
    }

    /** The writes seen, in batch order. */
    List<Write> writes() {
        if (unsupported != null) {
            throw new StorageException("a batch cannot " + unsupported + " a counted record");
        }
        return writes;
    }

    @Override
    public void put(int familyId, byte[] key, byte[] value) {
        if (counted.contains(familyId)) {
            writes.add(new Write(familyId, key, value));
        }
    }

    @Override
    public void put(byte[] key, byte[] value) {
        // the default family holds no records of the store
    }

    @Override
    public void delete(int familyId, byte[] key) {
        if (counted.contains(familyId)) {
            writes.add(new Write(familyId, key, null));
        }
    }

    @Override
    public void delete(byte[] key) {
    }

    @Override
    public void singleDelete(int familyId, byte[] key) {
        if (counted.contains(familyId)) {
            writes.add(new Write(familyId, key, null));
        }
    }

    @Override
    public void singleDelete(byte[] key) {
    }

    @Override
    public void merge(int familyId, byte[] key, byte[] value) {
        if (counted.contains(familyId)) {
            unsupported = "merge";
        }
    }

    @Override
    public void merge(byte[] key, byte[] value) {
    }

    @Override
    public void deleteRange(int familyId, byte[] beginKey, byte[] endKey) {
        if (counted.contains(familyId)) {
            unsupported = "range-delete";
        }
    }

    @Override
    public void deleteRange(byte[] beginKey, byte[] endKey) {
    }

    @Override
    public void logData(byte[] blob) {
    }

    @Override
    public void putBlobIndex(int familyId, byte[] key, byte[] value) {
        unsupported = "blob-index";
    }

    @Override
    public void markBeginPrepare() {
    }

    @Override
    public void markEndPrepare(byte[] xid) {
    }

    @Override
    public void markNoop(boolean emptyBatch) {
    }

    @Override
    public void markRollback(byte[] xid) {
    }

    @Override
    public void markCommit(byte[] xid) {
    }

    @Override
    public void markCommitWithTimestamp(byte[] xid, byte[] ts) {
    }
}
