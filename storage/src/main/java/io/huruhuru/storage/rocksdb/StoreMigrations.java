package io.huruhuru.storage.rocksdb;

import io.huruhuru.oci.Digest;
import io.huruhuru.oci.RepositoryName;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import org.rocksdb.RocksIterator;
import org.rocksdb.WriteBatch;

/**
 * Brings a store from before garbage collection up to date when it opens, once: computes each repository's usage
 * from its links (later kept current by every link and unlink), and notes since when push times are recorded, which
 * retention takes as the push time of older manifests. Each runs in one atomic write with its marker in {@code meta},
 * so a crash leaves it undone or done, and the next open finds the marker and does nothing. Last, the records are
 * counted once (see {@link RecordCounts}); the stored counts are their own marker.
 */
final class StoreMigrations {

    static final String USAGE_COUNTED = "usage-counted";
    static final String PUSHED_RECORDED_SINCE = "pushed-recorded-since";

    private StoreMigrations() {
    }

    /** Runs what has not run yet; before the store serves anything, so no link changes meanwhile. */
    static void run(Db db) {
        Instant now = Values.now();
        if (db.get(Db.Family.META, Keys.meta(PUSHED_RECORDED_SINCE)) == null) {
            db.put(Db.Family.META, Keys.meta(PUSHED_RECORDED_SINCE), Values.created(now), true);
        }
        if (db.get(Db.Family.META, Keys.meta(USAGE_COUNTED)) == null) {
            countUsage(db, now);
        }
        // last, so that no migration writes counted records after the count
        RecordCounts counts = RecordCounts.stored(db.get(Db.Family.META, Keys.meta(RecordCounts.KEY)));
        if (counts == null) {
            counts = RecordCounts.countAll(db);
            db.put(Db.Family.META, Keys.meta(RecordCounts.KEY), counts.value(), true);
        }
        db.keepCounting(counts);
    }

    static Instant pushedRecordedSince(Db db) {
        byte[] value = db.get(Db.Family.META, Keys.meta(PUSHED_RECORDED_SINCE));
        return value == null ? Values.now() : Values.created(value);
    }

    private static void countUsage(Db db, Instant now) {
        Map<RepositoryName, Long> usage = new HashMap<>();
        Map<Digest, Long> sizes = new HashMap<>();
        try (WriteBatch batch = new WriteBatch()) {
            db.call(() -> {
                try (RocksIterator links = db.iterator(Db.Family.REPO_BLOBS)) {
                    for (links.seekToFirst(); links.isValid(); links.next()) {
                        Digest digest = Keys.digestOfEntry(links.key());
                        long size = sizes.computeIfAbsent(digest, d -> {
                            byte[] blob = db.get(Db.Family.BLOBS, Keys.blob(d));
                            return blob == null ? 0L : Values.blob(blob).size();
                        });
                        usage.merge(Keys.repositoryOfEntry(links.key()), size, Long::sum);
                    }
                    links.status();
                }
                for (Map.Entry<RepositoryName, Long> entry : usage.entrySet()) {
                    batch.put(db.family(Db.Family.USAGE), Keys.usage(entry.getKey()), Values.usage(entry.getValue()));
                }
                batch.put(db.family(Db.Family.META), Keys.meta(USAGE_COUNTED), Values.created(now));
                return null;
            });
            db.write(batch, true);
        }
    }
}
