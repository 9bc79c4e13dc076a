package io.huruhuru.storage.rocksdb;

import io.huruhuru.storage.tag.TagStore;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.rocksdb.RocksIterator;
import org.rocksdb.WriteBatch;

/** Tags of each repository: keys in tag order, each pointing at a manifest digest. */
final class RocksTagStore implements TagStore {

    private final Db db;
    private final Object tagLock;

    RocksTagStore(Db db, Object tagLock) {
        this.db = db;
        this.tagLock = tagLock;
    }

    @Override
    public Optional<String> resolve(String repository, String tag) {
        return Optional.ofNullable(db.get(Db.Family.TAGS, Keys.tag(repository, tag))).map(Values::tag);
    }

    @Override
    public List<String> list(String repository, Optional<String> after, int limit) {
        if (limit < 0) {
            throw new IllegalArgumentException("negative limit " + limit);
        }
        byte[] prefix = Keys.tagPrefix(repository);
        return db.call(() -> {
            List<String> tags = new ArrayList<>(Math.min(limit, 1000));
            if (limit == 0) {
                return tags;
            }
            try (RocksIterator iterator = db.iterator(Db.Family.TAGS)) {
                iterator.seek(after.isPresent() ? Keys.tagAfter(repository, after.get()) : prefix);
                for (; iterator.isValid() && tags.size() < limit; iterator.next()) {
                    byte[] key = iterator.key();
                    if (!Keys.hasPrefix(key, prefix)) {
                        break;
                    }
                    tags.add(Keys.tagOf(key, prefix.length));
                }
                iterator.status();
            }
            return tags;
        });
    }

    @Override
    public boolean delete(String repository, String tag) {
        byte[] key = Keys.tag(repository, tag);
        synchronized (tagLock) {
            if (db.get(Db.Family.TAGS, key) == null) {
                return false;
            }
            try (WriteBatch batch = new WriteBatch()) {
                db.call(() -> {
                    batch.delete(db.family(Db.Family.TAGS), key);
                    return null;
                });
                db.write(batch, true);
            }
            return true;
        }
    }
}
