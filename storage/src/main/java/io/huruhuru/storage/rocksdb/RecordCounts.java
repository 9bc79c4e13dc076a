package io.huruhuru.storage.rocksdb;

import io.huruhuru.storage.statistics.RecordKind;
import java.nio.ByteBuffer;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.BiFunction;
import org.rocksdb.RocksDBException;
import org.rocksdb.RocksIterator;
import org.rocksdb.WriteBatch;

/**
 * The exact number of records of each {@link RecordKind}, the bytes of stored blobs and the durable bytes of open
 * uploads, kept in memory and in one {@code meta} record written in the same batch as every change of those records,
 * so that the figures and the records never disagree, not even after a crash, and reading them costs no scan.
 *
 * <p>Every write of a counted family passes through {@link #counted}: under one lock, it reads what each key held
 * before (the batch's own earlier writes of the key included), derives the change and adds the new figures to the
 * batch. The lock spans the read and the write, so two writers of the same key cannot both count it as new.
 */
final class RecordCounts {

    static final String KEY = "record-counts";
    private static final byte VERSION = 1;
    private static final int FIGURES = RecordKind.values().length + 2;
    private static final int BLOB_BYTES = RecordKind.values().length;
    private static final int UPLOAD_BYTES = BLOB_BYTES + 1;
    private static final Map<Db.Family, RecordKind> COUNTED = new EnumMap<>(Map.of(
            Db.Family.BLOBS, RecordKind.BLOBS,
            Db.Family.MANIFESTS, RecordKind.MANIFESTS,
            Db.Family.TAGS, RecordKind.TAGS,
            Db.Family.REPOSITORIES, RecordKind.REPOSITORIES,
            Db.Family.UPLOADS, RecordKind.UPLOADS));

    private final ReentrantLock lock = new ReentrantLock();
    private final long[] figures;

    private RecordCounts(long[] figures) {
        this.figures = figures;
    }

    static boolean counts(Db.Family family) {
        return COUNTED.containsKey(family);
    }

    /** The figures stored in {@code meta}, or null when this store has never been counted. */
    static RecordCounts stored(byte[] value) {
        if (value == null) {
            return null;
        }
        ByteBuffer in = ByteBuffer.wrap(value);
        if (in.get() != VERSION) {
            return null;
        }
        long[] figures = new long[FIGURES];
        for (int i = 0; i < FIGURES; i++) {
            figures[i] = in.getLong();
        }
        return new RecordCounts(figures);
    }

    /** Counts every record of the counted families: once, when a store without counts opens. */
    static RecordCounts countAll(Db db) {
        long[] figures = new long[FIGURES];
        db.call(() -> {
            for (Map.Entry<Db.Family, RecordKind> counted : COUNTED.entrySet()) {
                try (RocksIterator records = db.iterator(counted.getKey())) {
                    for (records.seekToFirst(); records.isValid(); records.next()) {
                        figures[counted.getValue().ordinal()]++;
                        figures[bytesFigure(counted.getKey())] += bytesOf(counted.getKey(), records.value());
                    }
                    records.status();
                }
            }
            return null;
        });
        return new RecordCounts(figures);
    }

    byte[] value() {
        ByteBuffer out = ByteBuffer.allocate(1 + FIGURES * Long.BYTES).put(VERSION);
        for (long figure : snapshot()) {
            out.putLong(figure);
        }
        return out.array();
    }

    long records(RecordKind kind) {
        return snapshot()[kind.ordinal()];
    }

    long blobBytes() {
        return snapshot()[BLOB_BYTES];
    }

    long uploadBytes() {
        return snapshot()[UPLOAD_BYTES];
    }

    private long[] snapshot() {
        lock.lock();
        try {
            return figures.clone();
        } finally {
            lock.unlock();
        }
    }

    /**
     * Writes {@code batch} with {@code write}, the new figures added to it when it changes a counted record.
     * {@code before} reads what a key of a family held before the batch.
     */
    void counted(WriteBatch batch, BiFunction<Db.Family, byte[], byte[]> before, Db db, Db.Call<Void> write)
            throws RocksDBException, java.io.IOException {
        lock.lock();
        try {
            long[] change = change(batch, before, db);
            if (Arrays.stream(change).allMatch(c -> c == 0)) {
                write.call();
                return;
            }
            long[] after = figures.clone();
            for (int i = 0; i < FIGURES; i++) {
                after[i] += change[i];
            }
            batch.put(db.family(Db.Family.META), Keys.meta(KEY), new RecordCounts(after).value());
            write.call();
            System.arraycopy(after, 0, figures, 0, FIGURES);
        } finally {
            lock.unlock();
        }
    }

    private static long[] change(WriteBatch batch, BiFunction<Db.Family, byte[], byte[]> before, Db db)
            throws RocksDBException {
        Map<Integer, Db.Family> byId = new HashMap<>();
        for (Db.Family family : COUNTED.keySet()) {
            byId.put(db.family(family).getID(), family);
        }
        long[] change = new long[FIGURES];
        // the batch's own writes of a key, latest last: a key written twice in one batch is one record
        Map<Db.Family, Map<ByteBuffer, byte[]>> written = new EnumMap<>(Db.Family.class);
        byte[] absent = new byte[0];
        List<BatchWrites.Write> writes;
        try (BatchWrites walk = new BatchWrites(byId.keySet())) {
            batch.iterate(walk);
            writes = walk.writes();
        }
        for (BatchWrites.Write write : writes) {
            Db.Family family = byId.get(write.familyId());
            if (family == null) {
                continue;
            }
            byte[] value = write.value();
            Map<ByteBuffer, byte[]> ofFamily = written.computeIfAbsent(family, f -> new HashMap<>());
            ByteBuffer key = ByteBuffer.wrap(write.key());
            byte[] previous = ofFamily.get(key);
            if (previous == null) {
                previous = before.apply(family, write.key());
            } else if (previous == absent) {
                previous = null;
            }
            change[COUNTED.get(family).ordinal()] += (value == null ? 0 : 1) - (previous == null ? 0 : 1);
            change[bytesFigure(family)] += bytesOf(family, value) - bytesOf(family, previous);
            ofFamily.put(key, value == null ? absent : value);
        }
        return change;
    }

    /** The figure of bytes that records of {@code family} add to; other families add nothing (see bytesOf). */
    private static int bytesFigure(Db.Family family) {
        return family == Db.Family.UPLOADS ? UPLOAD_BYTES : BLOB_BYTES;
    }

    /** The bytes a record stands for: a blob's size, an upload's durable size; none for other records. */
    private static long bytesOf(Db.Family family, byte[] value) {
        if (value == null) {
            return 0;
        }
        return switch (family) {
            case BLOBS -> Values.blob(value).size();
            case UPLOADS -> Values.upload(value).size();
            default -> 0;
        };
    }
}
