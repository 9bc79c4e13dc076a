package io.huruhuru.storage.rocksdb;

import io.huruhuru.oci.RepositoryName;

import io.huruhuru.storage.repository.RepositoryStore;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.rocksdb.RocksDBException;
import org.rocksdb.RocksIterator;
import org.rocksdb.WriteBatch;

/** Repository records, one per name, which give the catalog in key order. */
final class RocksRepositoryStore implements RepositoryStore {

    private final Db db;

    RocksRepositoryStore(Db db) {
        this.db = db;
    }

    @Override
    public boolean exists(String repository) {
        return db.get(Db.Family.REPOSITORIES, Keys.repository(repository)) != null;
    }

    @Override
    public List<String> list(Optional<String> after, int limit) {
        if (limit < 0) {
            throw new IllegalArgumentException("negative limit " + limit);
        }
        return db.call(() -> {
            List<String> names = new ArrayList<>(Math.min(limit, 1000));
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
        createIfAbsent(batch, repository.value(), now);
    }

    /** As {@link #createIfAbsent(WriteBatch, RepositoryName, Instant)}, for stores not typed yet. */
    void createIfAbsent(WriteBatch batch, String repository, Instant now) throws RocksDBException {
        byte[] key = Keys.repository(repository);
        if (db.get(Db.Family.REPOSITORIES, key) == null) {
            batch.put(db.family(Db.Family.REPOSITORIES), key, Values.created(now));
        }
    }
}
