package io.huruhuru.storage.rocksdb;

import io.huruhuru.oci.RepositoryName;
import io.huruhuru.storage.quota.QuotaExceededException;
import io.huruhuru.storage.quota.Quotas;
import io.huruhuru.storage.repository.RepositoryStore;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.rocksdb.RocksDBException;
import org.rocksdb.RocksIterator;
import org.rocksdb.WriteBatch;

/**
 * Repository records, one per name, which give the catalog in key order, and each repository's usage: the bytes of
 * the blobs linked into it, changed in the batch of every link and unlink by writers that hold the blob lock.
 */
final class RocksRepositoryStore implements RepositoryStore {

    private final Db db;
    private final Quotas quotas;

    RocksRepositoryStore(Db db, Quotas quotas) {
        this.db = db;
        this.quotas = quotas;
    }

    @Override
    public long usage(RepositoryName repository) {
        byte[] value = db.get(Db.Family.USAGE, Keys.usage(repository));
        return value == null ? 0 : Values.usage(value);
    }

    /**
     * Refuses a link of {@code adding} new bytes that would take {@code repository} past its quota; the caller holds
     * the blob lock until its batch is written, so that no other link passes the limit meanwhile.
     *
     * @throws QuotaExceededException if it would
     */
    void checkQuota(RepositoryName repository, long adding) {
        if (adding == 0) {
            return;
        }
        java.util.OptionalLong limit = quotas.limitOf(repository);
        if (limit.isPresent()) {
            long usage = usage(repository);
            if (usage + adding > limit.getAsLong()) {
                throw new QuotaExceededException(repository, limit.getAsLong(), usage, adding);
            }
        }
    }

    /** Adds the change of usage to {@code batch}; the caller holds the blob lock until the batch is written. */
    void addUsage(WriteBatch batch, RepositoryName repository, long delta) throws RocksDBException {
        if (delta != 0) {
            batch.put(db.family(Db.Family.USAGE), Keys.usage(repository),
                    Values.usage(Math.max(0, usage(repository) + delta)));
        }
    }

    @Override
    public boolean exists(RepositoryName repository) {
        return db.get(Db.Family.REPOSITORIES, Keys.repository(repository)) != null;
    }

    @Override
    public List<RepositoryName> list(Optional<RepositoryName> after, int limit) {
        if (limit < 0) {
            throw new IllegalArgumentException("negative limit " + limit);
        }
        return db.call(() -> {
            List<RepositoryName> names = new ArrayList<>(Math.min(limit, 1000));
            if (limit == 0) {
                return names;
            }
            try (RocksIterator iterator = db.iterator(Db.Family.REPOSITORIES)) {
                if (after.isPresent()) {
                    iterator.seek(Keys.repositoryAfter(after.get()));
                } else {
                    iterator.seekToFirst();
                }
                for (; iterator.isValid() && names.size() < limit; iterator.next()) {
                    names.add(Keys.repositoryOf(iterator.key()));
                }
                iterator.status();
            }
            return names;
        });
    }

    /** Adds the record of {@code repository} to {@code batch} unless it exists, keeping the first creation time. */
    void createIfAbsent(WriteBatch batch, RepositoryName repository, Instant now) throws RocksDBException {
        byte[] key = Keys.repository(repository);
        if (db.get(Db.Family.REPOSITORIES, key) == null) {
            batch.put(db.family(Db.Family.REPOSITORIES), key, Values.created(now));
        }
    }
}
