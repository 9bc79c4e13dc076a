package io.huruhuru.storage.rocksdb;

import io.huruhuru.storage.StorageException;
import io.huruhuru.storage.statistics.Operation;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.locks.ReentrantReadWriteLock;
import java.util.stream.Stream;
import org.rocksdb.ColumnFamilyDescriptor;
import org.rocksdb.ColumnFamilyHandle;
import org.rocksdb.ColumnFamilyOptions;
import org.rocksdb.CompressionType;
import org.rocksdb.DBOptions;
import org.rocksdb.EnvOptions;
import org.rocksdb.IngestExternalFileOptions;
import org.rocksdb.Options;
import org.rocksdb.RocksDB;
import org.rocksdb.RocksDBException;
import org.rocksdb.RocksIterator;
import org.rocksdb.SstFileWriter;
import org.rocksdb.WriteBatch;
import org.rocksdb.WriteOptions;

/**
 * The open RocksDB instance with its column families, shared by the role stores. Every call goes through
 * {@link #call}, which turns RocksDB failures into {@link StorageException} and keeps calls and {@link #close()} apart.
 */
final class Db implements AutoCloseable {

    /** The column families, named as on disk. */
    enum Family {
        CONTENT("content"),
        BLOBS("blobs"),
        UPLOADS("uploads"),
        REPOSITORIES("repositories"),
        REPO_BLOBS("repo_blobs"),
        MANIFESTS("manifests"),
        TAGS("tags"),
        REFERRERS("referrers"),
        /** Retired: its records move to {@link #ATTACHMENTS} when the store opens (see {@link ValidationsMigration}). */
        VALIDATIONS("validations"),
        LAYER_INDEX("layer_index"),
        ATTACHMENTS("attachments"),
        /** When each blob was last seen referenced; written with the "max" merge operator, so a later time wins. */
        BLOB_SEEN("blob_seen"),
        /** Bytes of the blobs linked into each repository. */
        USAGE("usage"),
        MANIFEST_PUSHED("manifest_pushed"),
        MANIFEST_PULLED("manifest_pulled"),
        /** Facts about the store itself: which migrations ran, since when pushes are recorded. */
        META("meta"),
        /** Boot preview reports by id (see {@link RocksPreviewStore}). */
        PREVIEWS("previews"),
        /** The previews of each manifest: repository, manifest digest and id in the key. */
        PREVIEW_INDEX("preview_index");

        final String cfName;

        Family(String cfName) {
            this.cfName = cfName;
        }
    }

    /** A RocksDB call. */
    interface Call<T> {
        T call() throws RocksDBException, IOException;
    }

    static {
        RocksDB.loadLibrary();
    }

    private final RocksDB db;
    private final Path ingestDirectory;
    private final Path journalDirectory;
    private final DBOptions dbOptions;
    private final List<ColumnFamilyOptions> familyOptions;
    private final List<ColumnFamilyHandle> handles;
    private final Map<Family, ColumnFamilyHandle> families = new EnumMap<>(Family.class);
    private final Options sstOptions;
    /** Starts writing a content file back to disk as it grows, so that finishing it syncs little. */
    private final EnvOptions envOptions = new EnvOptions().setBytesPerSync(1L << 20);
    private final IngestExternalFileOptions ingestOptions = new IngestExternalFileOptions().setMoveFiles(true);
    private final WriteOptions syncWrite = new WriteOptions().setSync(true);
    private final WriteOptions asyncWrite = new WriteOptions();
    private final ReentrantReadWriteLock lock = new ReentrantReadWriteLock();
    private final List<AutoCloseable> onClose = new ArrayList<>();
    private final OperationTimings timings = new OperationTimings();
    private boolean closed;
    /** Set once the store's records are counted (see {@link StoreMigrations}); from then on every write keeps them. */
    private volatile RecordCounts counts;

    private Db(RocksDB db, Path ingestDirectory, Path journalDirectory, DBOptions dbOptions,
            List<ColumnFamilyOptions> familyOptions, List<ColumnFamilyHandle> handles, Options sstOptions) {
        this.db = db;
        this.ingestDirectory = ingestDirectory;
        this.journalDirectory = journalDirectory;
        this.dbOptions = dbOptions;
        this.familyOptions = familyOptions;
        this.handles = handles;
        this.sstOptions = sstOptions;
        for (Family family : Family.values()) {
            families.put(family, handles.get(family.ordinal() + 1));
        }
    }

    static Db open(Path dataDirectory) {
        try {
            Path dbDirectory = dataDirectory.resolve("rocksdb");
            Path ingestDirectory = dataDirectory.resolve("ingest");
            Path journalDirectory = dataDirectory.resolve("journal");
            Files.createDirectories(dbDirectory);
            Files.createDirectories(ingestDirectory);
            Files.createDirectories(journalDirectory);
            // Files of an ingest that a crash interrupted hold nothing that a record points to.
            try (Stream<Path> leftovers = Files.list(ingestDirectory)) {
                for (Path leftover : (Iterable<Path>) leftovers::iterator) {
                    Files.deleteIfExists(leftover);
                }
            }
            DBOptions dbOptions = new DBOptions()
                    .setCreateIfMissing(true)
                    .setCreateMissingColumnFamilies(true)
                    .setMaxBackgroundJobs(2);
            List<ColumnFamilyOptions> familyOptions = new ArrayList<>();
            List<ColumnFamilyDescriptor> descriptors = new ArrayList<>();
            ColumnFamilyOptions defaultOptions = new ColumnFamilyOptions();
            familyOptions.add(defaultOptions);
            descriptors.add(new ColumnFamilyDescriptor(RocksDB.DEFAULT_COLUMN_FAMILY, defaultOptions));
            for (Family family : Family.values()) {
                ColumnFamilyOptions options = new ColumnFamilyOptions();
                if (family == Family.CONTENT) {
                    // Layers are compressed already; compressing again costs CPU for nothing.
                    options.setCompressionType(CompressionType.NO_COMPRESSION)
                            .setBottommostCompressionType(CompressionType.NO_COMPRESSION);
                }
                if (family == Family.BLOB_SEEN) {
                    // values are a version byte and a big-endian time, so the bytewise maximum is the latest time
                    options.setMergeOperatorName("max");
                }
                familyOptions.add(options);
                descriptors.add(new ColumnFamilyDescriptor(family.cfName.getBytes(), options));
            }
            List<ColumnFamilyHandle> handles = new ArrayList<>();
            RocksDB db = RocksDB.open(dbOptions, dbDirectory.toString(), descriptors, handles);
            Options sstOptions = new Options().setCompressionType(CompressionType.NO_COMPRESSION);
            return new Db(db, ingestDirectory, journalDirectory, dbOptions, familyOptions, handles, sstOptions);
        } catch (RocksDBException e) {
            throw new StorageException("cannot open the database in " + dataDirectory, e);
        } catch (IOException e) {
            throw new StorageException("cannot create the data directory " + dataDirectory, e);
        }
    }

    /** Runs {@code call} while the database is open. */
    <T> T call(Call<T> call) {
        lock.readLock().lock();
        try {
            if (closed) {
                throw new StorageException("the store is closed");
            }
            return call.call();
        } catch (RocksDBException e) {
            throw new StorageException("database failure: " + e.getMessage(), e);
        } catch (IOException e) {
            throw new StorageException("i/o failure: " + e.getMessage(), e);
        } catch (UncheckedIOException e) {
            throw new StorageException("i/o failure: " + e.getMessage(), e.getCause());
        } finally {
            lock.readLock().unlock();
        }
    }

    ColumnFamilyHandle family(Family family) {
        return families.get(family);
    }

    byte[] get(Family family, byte[] key) {
        long started = System.nanoTime();
        try {
            return call(() -> db.get(family(family), key));
        } finally {
            timings.ended(Operation.READ, started);
        }
    }

    /** Writes one value, durable before returning when {@code sync}. */
    void put(Family family, byte[] key, byte[] value, boolean sync) {
        if (counts != null && RecordCounts.counts(family)) {
            try (WriteBatch batch = new WriteBatch()) {
                call(() -> {
                    batch.put(family(family), key, value);
                    return null;
                });
                write(batch, sync);
            }
            return;
        }
        long started = System.nanoTime();
        try {
            call(() -> {
                db.put(family(family), sync ? syncWrite : asyncWrite, key, value);
                return null;
            });
        } finally {
            timings.ended(Operation.WRITE, started);
        }
    }

    /** Writes {@code batch} atomically, durable before returning when {@code sync}. */
    void write(WriteBatch batch, boolean sync) {
        long started = System.nanoTime();
        try {
            call(() -> {
                RecordCounts counting = counts;
                if (counting == null) {
                    db.write(sync ? syncWrite : asyncWrite, batch);
                } else {
                    counting.counted(batch, (family, key) -> get(family, key), this, () -> {
                        db.write(sync ? syncWrite : asyncWrite, batch);
                        return null;
                    });
                }
                return null;
            });
        } finally {
            timings.ended(Operation.WRITE, started);
        }
    }

    /** From now on, every write of a counted record keeps {@code counts} current, in the same batch. */
    void keepCounting(RecordCounts counts) {
        this.counts = counts;
    }

    /** The counts that writes keep current; null before the store's migrations ran. */
    RecordCounts counts() {
        return counts;
    }

    /** Merges {@code value} into the batch with the family's merge operator. */
    void merge(WriteBatch batch, Family family, byte[] key, byte[] value) {
        call(() -> {
            batch.merge(family(family), key, value);
            return null;
        });
    }

    /**
     * Gives back the space of deleted content: drops the table files that lie wholly inside one of the ranges
     * ({@code [start, end)} pairs, disjoint), flushes the memtables, then compacts, once each, the spans of the files that still overlap one,
     * so that files holding deleted and live content shrink. The compaction is not exclusive: flushes, ingests and
     * automatic compactions go on meanwhile.
     */
    void reclaimContent(List<byte[]> ranges) {
        if (ranges.isEmpty()) {
            return;
        }
        call(() -> {
            ColumnFamilyHandle content = family(Family.CONTENT);
            db.deleteFilesInRanges(content, ranges, false);
            // every family: the write-ahead log that held the deleted small blobs goes only once none needs it
            try (org.rocksdb.FlushOptions flush = new org.rocksdb.FlushOptions().setWaitForFlush(true)) {
                db.flush(flush, new ArrayList<>(families.values()));
            }
            try (org.rocksdb.CompactRangeOptions options = new org.rocksdb.CompactRangeOptions()
                    .setExclusiveManualCompaction(false)) {
                for (byte[][] span : ContentSpans.overlapping(db.getLiveFilesMetaData(),
                        Family.CONTENT.cfName.getBytes(), ranges)) {
                    db.compactRange(content, span[0], span[1], options);
                }
            }
            return null;
        });
    }

    /** A new iterator over {@code family}; the caller closes it (before the database closes). */
    RocksIterator iterator(Family family, org.rocksdb.ReadOptions options) {
        return call(() -> db.newIterator(family(family), options));
    }

    RocksIterator iterator(Family family) {
        return call(() -> db.newIterator(family(family)));
    }

    /** A writer of a new content file in the ingest directory. */
    SstFileWriter newContentFileWriter(Path file) {
        return call(() -> {
            SstFileWriter writer = new SstFileWriter(envOptions, sstOptions);
            try {
                writer.open(file.toString());
            } catch (RocksDBException e) {
                writer.close();
                throw e;
            }
            return writer;
        });
    }

    Path ingestDirectory() {
        return ingestDirectory;
    }

    /** Where uploads journal their chunks (see {@link UploadJournal}). */
    Path journalDirectory() {
        return journalDirectory;
    }

    /** Moves a finished content file into the database, atomically: all of its keys become visible, or none. */
    void ingestContent(Path file) {
        long started = System.nanoTime();
        try {
            call(() -> {
                db.ingestExternalFile(family(Family.CONTENT), List.of(file.toString()), ingestOptions);
                return null;
            });
        } finally {
            timings.ended(Operation.INGEST, started);
        }
    }

    /** RocksDB's numeric {@code property} of {@code family}. */
    long property(Family family, String property) {
        return call(() -> db.getLongProperty(family(family), property));
    }

    /** RocksDB's numeric {@code property} summed over every column family, the default one included. */
    long propertyOfAll(String property) {
        return call(() -> {
            long sum = 0;
            for (ColumnFamilyHandle handle : handles) {
                sum += db.getLongProperty(handle, property);
            }
            return sum;
        });
    }

    /** The counts and times of the calls made so far. */
    OperationTimings timings() {
        return timings;
    }

    /** Closes {@code resource} when the database closes, unless it was closed before. */
    void closeWithDatabase(AutoCloseable resource) {
        synchronized (onClose) {
            onClose.add(resource);
        }
    }

    void forget(AutoCloseable resource) {
        synchronized (onClose) {
            onClose.remove(resource);
        }
    }

    @Override
    public void close() {
        lock.writeLock().lock();
        try {
            if (closed) {
                return;
            }
            closed = true;
            List<AutoCloseable> resources;
            synchronized (onClose) {
                resources = new ArrayList<>(onClose);
                onClose.clear();
            }
            for (AutoCloseable resource : resources) {
                try {
                    resource.close();
                } catch (Exception e) {
                    // closing the database matters more than one reader that failed to close
                }
            }
            try {
                db.flushWal(true);
            } catch (RocksDBException e) {
                throw new StorageException("cannot flush the write-ahead log", e);
            } finally {
                for (ColumnFamilyHandle handle : handles) {
                    handle.close();
                }
                try {
                    db.closeE();
                } catch (RocksDBException e) {
                    throw new StorageException("cannot close the database", e);
                } finally {
                    syncWrite.close();
                    asyncWrite.close();
                    ingestOptions.close();
                    envOptions.close();
                    sstOptions.close();
                    dbOptions.close();
                    familyOptions.forEach(ColumnFamilyOptions::close);
                }
            }
        } finally {
            lock.writeLock().unlock();
        }
    }
}
