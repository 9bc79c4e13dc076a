package io.huruhuru.storage.rocksdb;

import io.huruhuru.storage.RegistryStore;
import io.huruhuru.storage.attachment.AttachmentStore;
import io.huruhuru.storage.preview.PreviewStore;
import io.huruhuru.storage.blob.BlobStore;
import io.huruhuru.storage.gc.GarbageCollector;
import io.huruhuru.storage.layer.LayerIndexStore;
import io.huruhuru.storage.manifest.ManifestStore;
import io.huruhuru.storage.quota.Quotas;
import io.huruhuru.storage.referrer.ReferrerStore;
import io.huruhuru.storage.repository.RepositoryStore;
import io.huruhuru.storage.statistics.StoreStatistics;
import io.huruhuru.storage.tag.TagStore;
import io.huruhuru.storage.upload.UploadStore;
import io.huruhuru.storage.upload.Uploads;
import java.nio.file.Path;

/** The registry's state in one RocksDB database under a data directory; see {@link Keys} for its layout. */
public final class RocksRegistryStore implements RegistryStore {

    /** Tags kept in memory for tag lists by default: about 35 MB with tags of 20 characters. */
    public static final int CACHED_TAGS = 500_000;
    /** Repositories whose tags are kept in memory at most. */
    static final int CACHED_REPOSITORIES = 10_000;
    /** The meta record that {@link #writeProbe()} overwrites. */
    static final String PROBE = "readiness-probe";

    private final Db db;
    private final RocksBlobStore blobs;
    private final RocksUploadStore uploadStore;
    private final Uploads uploads;
    private final RocksManifestStore manifests;
    private final RocksTagStore tags;
    private final RocksRepositoryStore repositories;
    private final RocksReferrerStore referrers;
    private final RocksAttachmentStore attachments;
    private final RocksLayerIndexStore layerIndex;
    private final RocksPreviewStore previews;
    private final TagIndex tagIndex;
    /** Runs the write and ingest stages of uploads (see {@link ContentWriter}). */
    private final UploadStages stages;
    private final PullTimes pulls;
    private final RocksGarbageCollector collector;
    private final RocksStoreStatistics statistics;

    private RocksRegistryStore(Db db, long uploadFileLimit, TagIndex tagIndex, Quotas quotas) {
        this.db = db;
        this.tagIndex = tagIndex;
        Buffers buffers = new Buffers();
        // Lock order: tag lock, then blob lock, then the collection guard.
        Object tagLock = new Object();
        Object blobLock = new Object();
        CollectionGuard guard = new CollectionGuard();
        this.repositories = new RocksRepositoryStore(db, quotas);
        this.blobs = new RocksBlobStore(db, buffers, repositories, blobLock, guard);
        this.stages = new UploadStages();
        this.uploadStore = new RocksUploadStore(db, buffers, stages, repositories, uploadFileLimit, blobLock, guard);
        this.uploads = new Uploads(uploadStore);
        this.pulls = new PullTimes(db);
        this.manifests = new RocksManifestStore(db, repositories, tagLock, blobLock, tagIndex, guard, pulls);
        this.tags = new RocksTagStore(db, tagLock, tagIndex);
        this.collector = new RocksGarbageCollector(db, manifests, repositories, blobLock, guard, tags);
        this.referrers = new RocksReferrerStore(db);
        this.attachments = new RocksAttachmentStore(db);
        this.layerIndex = new RocksLayerIndexStore(db);
        this.previews = new RocksPreviewStore(db, tagLock);
        this.statistics = new RocksStoreStatistics(db);
    }

    /**
     * Opens the store in {@code dataDirectory}, creating the directory and the database if needed.
     *
     * @throws io.huruhuru.storage.StorageException if the database cannot be opened (for example, it is open in
     *     another process)
     */
    public static RocksRegistryStore open(Path dataDirectory) {
        return open(dataDirectory, Quotas.NONE);
    }

    /**
     * Opens the store as {@link #open(Path)} does, refusing links that would take a repository past its quota.
     *
     * @throws io.huruhuru.storage.StorageException if the database cannot be opened
     */
    public static RocksRegistryStore open(Path dataDirectory, Quotas quotas) {
        return new RocksRegistryStore(openMigrated(dataDirectory), ContentWriter.FILE_LIMIT,
                new TagIndex(CACHED_TAGS, CACHED_REPOSITORIES), quotas);
    }

    /**
     * Opens the store keeping at most {@code cachedTags} tags in memory for tag lists; with 0 every list reads only
     * the keys of its page from RocksDB.
     */
    public static RocksRegistryStore openCachingTags(Path dataDirectory, int cachedTags) {
        return new RocksRegistryStore(openMigrated(dataDirectory), ContentWriter.FILE_LIMIT,
                new TagIndex(cachedTags, CACHED_REPOSITORIES), Quotas.NONE);
    }

    /** Opens the database and brings records of an older layout into the current one. */
    private static Db openMigrated(Path dataDirectory) {
        Db db = Db.open(dataDirectory);
        try {
            ValidationsMigration.run(db);
            StoreMigrations.run(db);
        } catch (RuntimeException e) {
            db.close();
            throw e;
        }
        return db;
    }

    /** Opens the store with uploads ingested every {@code uploadFileLimit} bytes; tests use small limits. */
    static RocksRegistryStore open(Path dataDirectory, long uploadFileLimit) {
        return new RocksRegistryStore(openMigrated(dataDirectory), uploadFileLimit,
                new TagIndex(CACHED_TAGS, CACHED_REPOSITORIES), Quotas.NONE);
    }

    /** Opens the store with a tag index of the given bounds; for tests of the bound. */
    static RocksRegistryStore open(Path dataDirectory, TagIndex tagIndex) {
        return new RocksRegistryStore(openMigrated(dataDirectory), ContentWriter.FILE_LIMIT, tagIndex, Quotas.NONE);
    }

    /** The tag index, for tests that look at what it holds. */
    TagIndex tagIndex() {
        return tagIndex;
    }

    /** The database, for tests that inspect or damage what is stored. */
    Db db() {
        return db;
    }

    @Override
    public StoreStatistics statistics() {
        return statistics;
    }

    @Override
    public void writeProbe() {
        byte[] key = Keys.meta(PROBE);
        byte[] written = Long.toString(System.nanoTime()).getBytes(java.nio.charset.StandardCharsets.US_ASCII);
        // not synced: a probe proves the write path, and a synced write every few seconds would cost for nothing
        db.put(Db.Family.META, key, written, false);
        if (!java.util.Arrays.equals(written, db.get(Db.Family.META, key))) {
            throw new io.huruhuru.storage.StorageException("the readiness probe read back another value than it wrote");
        }
    }

    @Override
    public BlobStore blobs() {
        return blobs;
    }

    @Override
    public Uploads uploads() {
        return uploads;
    }

    /** The uploads as stored, without the table of live ones; for tests of the store itself. */
    UploadStore uploadStore() {
        return uploadStore;
    }

    @Override
    public ManifestStore manifests() {
        return manifests;
    }

    @Override
    public TagStore tags() {
        return tags;
    }

    @Override
    public RepositoryStore repositories() {
        return repositories;
    }

    @Override
    public ReferrerStore referrers() {
        return referrers;
    }

    @Override
    public PreviewStore previews() {
        return previews;
    }

    @Override
    public AttachmentStore attachments() {
        return attachments;
    }

    @Override
    public LayerIndexStore layerIndex() {
        return layerIndex;
    }

    @Override
    public GarbageCollector collector() {
        return collector;
    }

    /** The number of content values stored (visible, not deleted); for tests of deduplication. */
    long contentValueCount() {
        return db.call(() -> {
            long count = 0;
            try (org.rocksdb.RocksIterator iterator = db.iterator(Db.Family.CONTENT)) {
                for (iterator.seekToFirst(); iterator.isValid(); iterator.next()) {
                    count++;
                }
                iterator.status();
            }
            return count;
        });
    }

    @Override
    public void close() {
        try {
            // ingests in flight complete, so that the database closes with their records written
            stages.close();
        } finally {
            try {
                pulls.close();
            } catch (RuntimeException e) {
                // the pulls of the last seconds are lost; the database must close all the same
            } finally {
                db.close();
            }
        }
    }
}
