package io.huruhuru.storage.rocksdb;

import io.huruhuru.oci.Digest;
import io.huruhuru.oci.RepositoryName;
import io.huruhuru.oci.Tag;
import io.huruhuru.storage.tag.TagStore;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Predicate;
import org.rocksdb.RocksIterator;
import org.rocksdb.WriteBatch;

/**
 * Tags of each repository: keys in tag order, each pointing at a manifest digest. Lists are served from the snapshots
 * of a {@link TagIndex}, loaded from the keys on first use, as long as no commit changed the repository's tags.
 */
final class RocksTagStore implements TagStore {

    private final Db db;
    private final Object tagLock;
    private final TagIndex index;

    RocksTagStore(Db db, Object tagLock, TagIndex index) {
        this.db = db;
        this.tagLock = tagLock;
        this.index = index;
    }

    @Override
    public Optional<Digest> resolve(RepositoryName repository, Tag tag) {
        return Optional.ofNullable(db.get(Db.Family.TAGS, Keys.tag(repository, tag))).map(Values::tag);
    }

    @Override
    public List<Tag> list(RepositoryName repository, Optional<Tag> after, int limit) {
        if (limit < 0) {
            throw new IllegalArgumentException("negative limit " + limit);
        }
        if (limit == 0) {
            return List.of();
        }
        long version = index.version(repository);
        Optional<SortedTags> snapshot = index.snapshot(repository, version);
        if (snapshot.isPresent()) {
            return snapshot.get().page(after, limit);
        }
        boolean whole = after.isEmpty() && limit == Integer.MAX_VALUE;
        if (!whole && index.oversize(repository)) {
            return read(repository, after, limit);
        }
        // One more than a snapshot holds tells an oversize repository; a whole list needs every key anyway.
        int cap = whole ? Integer.MAX_VALUE : (int) Math.min(Integer.MAX_VALUE, index.maxTags() + 1L);
        List<Tag> keys = read(repository, Optional.empty(), cap);
        SortedTags loaded = new SortedTags(keys.toArray(Tag[]::new));
        index.install(repository, version, loaded);
        return keys.size() < cap || whole ? loaded.page(after, limit) : read(repository, after, limit);
    }

    /** Up to {@code limit} tags after {@code after}, read from the keys; reads only the keys of the page. */
    private List<Tag> read(RepositoryName repository, Optional<Tag> after, int limit) {
        byte[] prefix = Keys.tagPrefix(repository);
        return db.call(() -> {
            List<Tag> tags = new ArrayList<>(Math.min(limit, 1000));
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
    public boolean delete(RepositoryName repository, Tag tag) {
        return deleteIf(repository, tag, digest -> true);
    }

    /**
     * Deletes {@code tag} if it exists and {@code current} accepts the digest it points at, checked and deleted under
     * the tag lock (retention deletes a tag only if it still points where it did); whether it did.
     */
    boolean deleteIf(RepositoryName repository, Tag tag, Predicate<Digest> current) {
        byte[] key = Keys.tag(repository, tag);
        synchronized (tagLock) {
            byte[] target = db.get(Db.Family.TAGS, key);
            if (target == null || !current.test(Values.tag(target))) {
                return false;
            }
            try (WriteBatch batch = new WriteBatch()) {
                db.call(() -> {
                    batch.delete(db.family(Db.Family.TAGS), key);
                    return null;
                });
                try {
                    db.write(batch, true);
                } finally {
                    index.changed(repository);
                }
            }
            return true;
        }
    }
}
