package io.huruhuru.storage.rocksdb;

import io.huruhuru.oci.RepositoryName;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLongArray;

/**
 * Snapshots of the tags of recently listed repositories, kept in memory in front of the {@code tags} family, with the
 * versions that tell whether a snapshot is still what RocksDB holds.
 *
 * <p>Every commit that changes tags calls {@link #changed} after its write and before it returns (so before any
 * response). A snapshot is installed with the version read <em>before</em> its keys were read, and used only while
 * that version is current: every write it could have missed bumped the version after the snapshot's version was read.
 * Versions are striped by repository name, so their memory is fixed; two repositories on one stripe only invalidate
 * each other's snapshots. The snapshots are bounded by total tags and by repositories, least recently used first out.
 */
final class TagIndex {

    private static final int STRIPES = 4096;

    /** What is known of one repository's tags at one version. */
    private sealed interface Entry {
        long version();
    }

    private record Snapshot(long version, SortedTags tags) implements Entry {
    }

    /** The repository has more tags than a snapshot may hold; its pages are read from RocksDB. */
    private record Oversize(long version) implements Entry {
    }

    private final AtomicLongArray versions = new AtomicLongArray(STRIPES);
    private final int maxTags;
    private final int maxRepositories;
    private final LinkedHashMap<RepositoryName, Entry> entries = new LinkedHashMap<>(16, 0.75f, true);
    private long cachedTags;

    /** Keeps at most {@code maxTags} tags in all and snapshots of at most {@code maxRepositories} repositories. */
    TagIndex(int maxTags, int maxRepositories) {
        if (maxTags < 0 || maxRepositories < 0) {
            throw new IllegalArgumentException("negative tag index bound");
        }
        this.maxTags = maxTags;
        this.maxRepositories = maxRepositories;
    }

    /** The most tags one snapshot may hold. */
    int maxTags() {
        return maxTags;
    }

    /** The current version of {@code repository}'s tags; read it before reading any key. */
    long version(RepositoryName repository) {
        return versions.get(stripe(repository));
    }

    /** Records that a commit changed {@code repository}'s tags; called after the write, before returning. */
    void changed(RepositoryName repository) {
        versions.incrementAndGet(stripe(repository));
        synchronized (entries) {
            remove(repository);
        }
    }

    /** The snapshot of {@code repository} if there is one at {@code version}. */
    Optional<SortedTags> snapshot(RepositoryName repository, long version) {
        synchronized (entries) {
            return entries.get(repository) instanceof Snapshot s && s.version() == version
                    ? Optional.of(s.tags()) : Optional.empty();
        }
    }

    /**
     * Whether {@code repository} was last seen with more tags than a snapshot holds, at any version: a hint only, for
     * reading a page from RocksDB rather than loading the whole repository.
     */
    boolean oversize(RepositoryName repository) {
        synchronized (entries) {
            return entries.get(repository) instanceof Oversize;
        }
    }

    /** Keeps {@code tags}, read after {@code version} was current, if no commit changed them since. */
    void install(RepositoryName repository, long version, SortedTags tags) {
        put(repository, tags.size() > maxTags ? new Oversize(version) : new Snapshot(version, tags));
    }

    /** The number of tags held in all snapshots; for tests of the bound. */
    long cachedTags() {
        synchronized (entries) {
            return cachedTags;
        }
    }

    /** The number of repositories with an entry; for tests of the bound. */
    int cachedRepositories() {
        synchronized (entries) {
            return entries.size();
        }
    }

    private void put(RepositoryName repository, Entry entry) {
        synchronized (entries) {
            // A commit since `version` makes the entry useless; skipping it keeps a newer one in place.
            if (entry.version() != version(repository) || maxRepositories == 0) {
                return;
            }
            remove(repository);
            entries.put(repository, entry);
            cachedTags += weight(entry);
            Iterator<Map.Entry<RepositoryName, Entry>> eldest = entries.entrySet().iterator();
            while (cachedTags > maxTags || entries.size() > maxRepositories) {
                cachedTags -= weight(eldest.next().getValue());
                eldest.remove();
            }
        }
    }

    private void remove(RepositoryName repository) {
        Entry old = entries.remove(repository);
        if (old != null) {
            cachedTags -= weight(old);
        }
    }

    private static long weight(Entry entry) {
        return entry instanceof Snapshot s ? s.tags().size() : 0;
    }

    private static int stripe(RepositoryName repository) {
        int h = repository.value().hashCode();
        return (h ^ (h >>> 16)) & (STRIPES - 1);
    }
}
