package io.huruhuru.storage.rocksdb;

import io.huruhuru.oci.Digest;
import io.huruhuru.oci.RepositoryName;
import io.huruhuru.storage.gc.CollectionReport;
import io.huruhuru.storage.gc.CollectionRequest;
import io.huruhuru.storage.gc.GarbageCollector;
import io.huruhuru.storage.gc.Removal;
import io.huruhuru.storage.gc.RetentionRule;
import io.huruhuru.storage.manifest.StoredManifest;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.rocksdb.RocksIterator;
import org.rocksdb.WriteBatch;

/**
 * Mark and sweep over the whole store, online. Retention first deletes what its rules do not keep, each deletion an
 * ordinary manifest or tag delete that a concurrent push of the same digest prevents. The mark scans every stored
 * manifest (untagged ones are live unless retention removed them) and notes the blobs they reference, writing the
 * time it saw them referenced (unless a mark of the last {@link #MARK_REFRESH} is there); a blob that no manifest references and that was last seen referenced or linked (its
 * commit, a link, an unlink, the delete of a manifest that referenced it, a mark) before the grace period began is a
 * candidate. The sweep deletes candidates in batches under the {@link CollectionGuard}'s write lock and the blob lock,
 * skipping every digest a write touched since the collection began, each batch one atomic write of blob records,
 * links, usage and content range deletes; then the content's table files are dropped or compacted.
 */
final class RocksGarbageCollector implements GarbageCollector {

    /**
     * How old a referenced blob's mark may be before a collection writes it again. Every write that unreferences a
     * blob (an unlink, a manifest delete) records its time itself, so the mark only bounds how early a blob whose
     * unreferencing went unrecorded (a store from before marks) may go; not rewriting fresh marks spares the log a
     * write per referenced blob per collection.
     */
    static final Duration MARK_REFRESH = Duration.ofHours(1);

    /**
     * The share of the time a collection works; it sleeps the rest, between slices, so that pushes running meanwhile
     * slow little (measured in bench/gc-bench.sh). At 15 %, a collection over 100,000 blobs still ends well
     * within the minute it may take.
     */
    static final double WORK_SHARE = 0.15;

    /** Removals listed in a report at most; the counts are always complete. */
    static final int MAX_REMOVALS = 10_000;

    private final Db db;
    private final RocksManifestStore manifests;
    private final RocksRepositoryStore repositories;
    private final Object blobLock;
    private final CollectionGuard guard;
    private final RocksTagStore tags;

    RocksGarbageCollector(Db db, RocksManifestStore manifests, RocksRepositoryStore repositories, Object blobLock,
            CollectionGuard guard, RocksTagStore tags) {
        this.db = db;
        this.manifests = manifests;
        this.repositories = repositories;
        this.blobLock = blobLock;
        this.guard = guard;
        this.tags = tags;
    }

    private record Candidate(Digest digest, byte[] contentId, long size, List<RepositoryName> linkedIn) {
    }

    /** The counts and removals of one collection as it runs. */
    private static final class Tally {
        long manifestsMarked;
        long blobsMarked;
        long manifestsDeleted;
        long tagsDeleted;
        long blobsDeleted;
        long uploadsKept;
        long bytesFreed;
        final List<Removal> removals = new ArrayList<>();
        boolean truncated;

        void removed(Removal removal) {
            if (removals.size() < MAX_REMOVALS) {
                removals.add(removal);
            } else {
                truncated = true;
            }
        }
    }

    @Override
    public synchronized CollectionReport collect(CollectionRequest request) {
        Instant started = Values.now();
        long startNanos = System.nanoTime();
        Tally tally = new Tally();
        Pacer pacer = new Pacer(WORK_SHARE);
        guard.begin(started);
        try {
            Set<String> retired = new HashSet<>();
            Set<Digest> unreferencedNow = new HashSet<>();
            if (!request.retention().isEmpty()) {
                applyRetention(request, started, tally, retired);
            }
            Set<Digest> referenced = mark(retired, unreferencedNow, tally, pacer);
            List<Candidate> candidates = candidates(request, started, referenced, unreferencedNow, tally, pacer);
            tally.uploadsKept = count(Db.Family.UPLOADS);
            if (request.dryRun()) {
                for (Candidate candidate : candidates) {
                    tally.blobsDeleted++;
                    tally.bytesFreed += candidate.size();
                    tally.removed(blobRemoval(candidate, "would go: " + reasonOf(request)));
                }
            } else {
                sweep(request, candidates, tally, pacer);
            }
        } finally {
            guard.end();
        }
        return new CollectionReport(started, Duration.ofNanos(System.nanoTime() - startNanos), tally.manifestsMarked,
                tally.blobsMarked, tally.manifestsDeleted, tally.tagsDeleted, tally.blobsDeleted, tally.uploadsKept,
                tally.bytesFreed, tally.removals, tally.truncated);
    }

    private void applyRetention(CollectionRequest request, Instant started, Tally tally, Set<String> retired) {
        Optional<RepositoryName> after = Optional.empty();
        while (true) {
            List<RepositoryName> page = repositories.list(after, 1000);
            if (page.isEmpty()) {
                return;
            }
            for (RepositoryName repository : page) {
                Optional<RetentionRule> rule = request.retention().stream()
                        .filter(r -> r.repositories().test(repository)).findFirst();
                if (rule.isPresent()) {
                    retain(repository, rule.get(), request.dryRun(), started, tally, retired);
                }
            }
            after = Optional.of(page.get(page.size() - 1));
        }
    }

    private void retain(RepositoryName repository, RetentionRule rule, boolean dryRun, Instant started, Tally tally,
            Set<String> retired) {
        StoreScans.Contents contents = StoreScans.contentsOf(db, repository);
        Retention.Plan plan = Retention.plan(rule, contents.tags(), contents.manifests(), new Retention.Times() {
            @Override
            public Instant pushed(Digest digest) {
                return manifests.pushedOrUpgraded(repository, digest);
            }

            @Override
            public Optional<Instant> lastPulled(Digest digest) {
                return manifests.lastPulled(repository, digest);
            }
        }, started);
        for (Retention.TagRemoval removal : plan.tags()) {
            if (dryRun || tags.deleteIf(repository, removal.tag(),
                    current -> current.equals(removal.digest()) && !guard.touched(removal.digest()))) {
                tally.tagsDeleted++;
                tally.removed(new Removal(Removal.Kind.TAG, Optional.of(repository), removal.tag().value(),
                        removal.reason()));
            }
        }
        for (Retention.ManifestRemoval removal : plan.manifests()) {
            if (dryRun || manifests.deleteIfUntagged(repository, removal.digest())) {
                tally.manifestsDeleted++;
                retired.add(repository.value() + "@" + removal.digest());
                tally.removed(new Removal(Removal.Kind.MANIFEST, Optional.of(repository),
                        removal.digest().toString(), removal.reason()));
            }
        }
    }

    /** The digests every stored manifest references, except those retention retires in a dry run. */
    private Set<Digest> mark(Set<String> retired, Set<Digest> unreferencedNow, Tally tally, Pacer pacer) {
        Set<Digest> referenced = new HashSet<>();
        db.call(() -> {
            try (RocksIterator iterator = db.iterator(Db.Family.MANIFESTS)) {
                for (iterator.seekToFirst(); iterator.isValid(); iterator.next()) {
                    pacer.yieldIfDue();
                    StoredManifest manifest = Values.manifest(iterator.value());
                    if (!retired.isEmpty() && retired.contains(Keys.repositoryOfEntry(iterator.key()).value() + "@"
                            + manifest.digest())) {
                        // a dry run pretends it went now: its blobs count as unreferenced from now
                        unreferencedNow.addAll(manifest.references());
                        continue;
                    }
                    tally.manifestsMarked++;
                    referenced.addAll(manifest.references());
                }
                iterator.status();
            }
            return null;
        });
        unreferencedNow.removeAll(referenced);
        return referenced;
    }

    /**
     * The blobs nothing references that were last seen referenced or linked before the grace period began; writes the
     * mark time of every referenced blob (not in a dry run), unsynced: a mark lost in a crash only makes a later
     * collection deem a blob unreferenced for longer, and a blob referenced then is marked again.
     */
    private List<Candidate> candidates(CollectionRequest request, Instant started, Set<Digest> referenced,
            Set<Digest> unreferencedNow, Tally tally, Pacer pacer) {
        Instant cutoff = started.minus(request.grace());
        Instant stale = started.minus(MARK_REFRESH);
        Map<Digest, Candidate> unreferenced = new HashMap<>();
        byte[] seenNow = Values.created(started);
        db.call(() -> {
            WriteBatch marks = new WriteBatch();
            try (RocksIterator blobs = db.iterator(Db.Family.BLOBS)) {
                for (blobs.seekToFirst(); blobs.isValid(); blobs.next()) {
                    pacer.yieldIfDue();
                    Digest digest = Keys.blobDigestOf(blobs.key());
                    if (referenced.contains(digest)) {
                        tally.blobsMarked++;
                        if (!request.dryRun() && markedBefore(digest, stale)) {
                            marks.merge(db.family(Db.Family.BLOB_SEEN), Keys.blobSeen(digest), seenNow);
                            if (marks.count() >= request.batchSize()) {
                                db.write(marks, false);
                                marks.close();
                                marks = new WriteBatch();
                            }
                        }
                        continue;
                    }
                    Values.Blob blob = Values.blob(blobs.value());
                    Instant seen = blob.created();
                    byte[] mark = db.get(Db.Family.BLOB_SEEN, Keys.blobSeen(digest));
                    if (mark != null && Values.created(mark).isAfter(seen)) {
                        seen = Values.created(mark);
                    }
                    if (seen.isBefore(cutoff) && !unreferencedNow.contains(digest)) {
                        unreferenced.put(digest, new Candidate(digest, blob.contentId(), blob.size(),
                                new ArrayList<>()));
                    }
                }
                blobs.status();
                if (marks.count() > 0) {
                    db.write(marks, false);
                }
            } finally {
                marks.close();
            }
            try (RocksIterator links = db.iterator(Db.Family.REPO_BLOBS)) {
                for (links.seekToFirst(); links.isValid(); links.next()) {
                    pacer.yieldIfDue();
                    Digest digest = Keys.digestOfEntry(links.key());
                    Candidate candidate = unreferenced.get(digest);
                    if (candidate == null) {
                        continue;
                    }
                    if (!Values.created(links.value()).isBefore(cutoff)) {
                        unreferenced.remove(digest); // linked within the grace period
                    } else {
                        candidate.linkedIn().add(Keys.repositoryOfEntry(links.key()));
                    }
                }
                links.status();
            }
            return null;
        });
        List<Candidate> sorted = new ArrayList<>(unreferenced.values());
        sorted.sort(java.util.Comparator.comparing(candidate -> candidate.digest().toString()));
        return sorted;
    }

    /** Whether the blob has no mark, or one older than {@code stale}. */
    private boolean markedBefore(Digest digest, Instant stale) {
        byte[] mark = db.get(Db.Family.BLOB_SEEN, Keys.blobSeen(digest));
        return mark == null || Values.created(mark).isBefore(stale);
    }

    private void sweep(CollectionRequest request, List<Candidate> candidates, Tally tally, Pacer pacer) {
        List<byte[]> ranges = new ArrayList<>();
        String reason = reasonOf(request);
        for (int from = 0; from < candidates.size(); from += request.batchSize()) {
            pacer.yieldIfDue(); // between batches, with no lock held
            List<Candidate> chunk = candidates.subList(from, Math.min(candidates.size(), from + request.batchSize()));
            List<Candidate> deleted;
            synchronized (blobLock) {
                deleted = guard.sweeping(touched -> deleteBatch(chunk, touched));
            }
            for (Candidate candidate : deleted) {
                tally.blobsDeleted++;
                tally.bytesFreed += candidate.size();
                tally.removed(blobRemoval(candidate, reason));
                ranges.add(Keys.content(candidate.contentId(), 0));
                ranges.add(Keys.contentEnd(candidate.contentId()));
            }
        }
        db.reclaimContent(ranges);
    }

    /** Deletes the candidates that are still stored as they were and untouched, in one atomic write. */
    private List<Candidate> deleteBatch(List<Candidate> chunk, Set<Digest> touched) {
        List<Candidate> deleted = new ArrayList<>();
        try (WriteBatch batch = new WriteBatch()) {
            db.call(() -> {
                Map<RepositoryName, Long> usage = new HashMap<>();
                for (Candidate candidate : chunk) {
                    byte[] record = db.get(Db.Family.BLOBS, Keys.blob(candidate.digest()));
                    if (touched.contains(candidate.digest()) || record == null
                            || !java.util.Arrays.equals(Values.blob(record).contentId(), candidate.contentId())) {
                        continue;
                    }
                    batch.delete(db.family(Db.Family.BLOBS), Keys.blob(candidate.digest()));
                    batch.deleteRange(db.family(Db.Family.CONTENT), Keys.content(candidate.contentId(), 0),
                            Keys.contentEnd(candidate.contentId()));
                    batch.delete(db.family(Db.Family.BLOB_SEEN), Keys.blobSeen(candidate.digest()));
                    batch.delete(db.family(Db.Family.LAYER_INDEX), Keys.layerIndex(candidate.digest()));
                    for (RepositoryName repository : candidate.linkedIn()) {
                        byte[] link = Keys.repoBlob(repository, candidate.digest());
                        if (db.get(Db.Family.REPO_BLOBS, link) != null) {
                            batch.delete(db.family(Db.Family.REPO_BLOBS), link);
                            usage.merge(repository, -candidate.size(), Long::sum);
                        }
                    }
                    deleted.add(candidate);
                }
                for (Map.Entry<RepositoryName, Long> change : usage.entrySet()) {
                    repositories.addUsage(batch, change.getKey(), change.getValue());
                }
                return null;
            });
            if (!deleted.isEmpty()) {
                db.write(batch, true);
                guard.collected(deleted.stream().map(Candidate::digest).toList(), Values.now());
            }
        }
        return deleted;
    }

    private static Removal blobRemoval(Candidate candidate, String reason) {
        return new Removal(Removal.Kind.BLOB, Optional.empty(), candidate.digest().toString(), reason);
    }

    private static String reasonOf(CollectionRequest request) {
        return "no manifest references it and it was unreferenced for longer than " + request.grace();
    }

    private long count(Db.Family family) {
        return db.call(() -> {
            long count = 0;
            try (RocksIterator iterator = db.iterator(family)) {
                for (iterator.seekToFirst(); iterator.isValid(); iterator.next()) {
                    count++;
                }
                iterator.status();
            }
            return count;
        });
    }
}
