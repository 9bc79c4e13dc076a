package io.huruhuru.storage.rocksdb;

import io.huruhuru.storage.RegistryStore;
import io.huruhuru.storage.blob.BlobStore;
import io.huruhuru.storage.layer.LayerIndexStore;
import io.huruhuru.storage.manifest.ManifestStore;
import io.huruhuru.storage.referrer.ReferrerStore;
import io.huruhuru.storage.repository.RepositoryStore;
import io.huruhuru.storage.tag.TagStore;
import io.huruhuru.storage.upload.UploadStore;
import java.nio.file.Path;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

/** The registry's state in one RocksDB database under a data directory; see {@link Keys} for its layout. */
public final class RocksRegistryStore implements RegistryStore {

    private final Db db;
    private final RocksBlobStore blobs;
    private final RocksUploadStore uploads;
    private final RocksManifestStore manifests;
    private final RocksTagStore tags;
    private final RocksRepositoryStore repositories;
    private final RocksReferrerStore referrers;
    private final RocksLayerIndexStore layerIndex;
    /** Runs the write and ingest stages of uploads (see {@link ContentWriter}). */
    private final ExecutorService ingester;

    private RocksRegistryStore(Db db, long uploadFileLimit) {
        this.db = db;
        Buffers buffers = new Buffers();
        Object tagLock = new Object();
        this.repositories = new RocksRepositoryStore(db);
        this.blobs = new RocksBlobStore(db, buffers, repositories);
        // Unbounded: a write-stage task may wait for the ingest-stage task of the same upload.
        this.ingester = Executors.newCachedThreadPool(task -> {
            Thread thread = new Thread(task, "huruhuru-upload-stage");
            thread.setDaemon(true);
            return thread;
        });
        this.uploads = new RocksUploadStore(db, buffers, ingester, repositories, uploadFileLimit);
        this.manifests = new RocksManifestStore(db, repositories, tagLock);
        this.tags = new RocksTagStore(db, tagLock);
        this.referrers = new RocksReferrerStore(db);
        this.layerIndex = new RocksLayerIndexStore(db);
    }

    /**
     * Opens the store in {@code dataDirectory}, creating the directory and the database if needed.
     *
     * @throws io.huruhuru.storage.StorageException if the database cannot be opened (for example, it is open in
     *     another process)
     */
    public static RocksRegistryStore open(Path dataDirectory) {
        return open(dataDirectory, ContentWriter.FILE_LIMIT);
    }

    /** Opens the store with uploads ingested every {@code uploadFileLimit} bytes; tests use small limits. */
    static RocksRegistryStore open(Path dataDirectory, long uploadFileLimit) {
        return new RocksRegistryStore(Db.open(dataDirectory), uploadFileLimit);
    }

    /** The database, for tests that inspect or damage what is stored. */
    Db db() {
        return db;
    }

    @Override
    public BlobStore blobs() {
        return blobs;
    }

    @Override
    public UploadStore uploads() {
        return uploads;
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
    public LayerIndexStore layerIndex() {
        return layerIndex;
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
        ingester.shutdown();
        try {
            // ingests in flight complete, so that the database closes with their records written
            ingester.awaitTermination(2, TimeUnit.MINUTES);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } finally {
            db.close();
        }
    }
}
