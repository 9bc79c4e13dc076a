package io.huruhuru.storage.rocksdb;

import io.huruhuru.oci.Digest;
import io.huruhuru.oci.RepositoryName;
import io.huruhuru.oci.Tag;
import io.huruhuru.storage.gc.RetentionRule;
import io.huruhuru.storage.manifest.StoredManifest;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Deque;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;

/**
 * What a {@link RetentionRule} removes from one repository, judged from its tags and manifests as read once: the tags
 * it does not keep, then every manifest that nothing live needs any more. Live are the manifests a kept tag points
 * at, those untagged before that are younger than {@code deleteUntaggedAfter} (all of them without it), the children
 * of a live index and the referrers of a live subject; a referrer whose subject goes goes too when the rule says
 * referrers follow their subject, and is otherwise judged as an untagged manifest.
 */
final class Retention {

    /** A tag to delete if it still points where it did. */
    record TagRemoval(Tag tag, Digest digest, String reason) {
    }

    record ManifestRemoval(Digest digest, String reason) {
    }

    /** Tags first; manifests with referrers and indexes before what they refer to, so a crash leaves no dangling. */
    record Plan(List<TagRemoval> tags, List<ManifestRemoval> manifests) {
    }

    /** When each manifest was pushed and last pulled. */
    interface Times {
        Instant pushed(Digest digest);

        Optional<Instant> lastPulled(Digest digest);
    }

    private Retention() {
    }

    static Plan plan(RetentionRule rule, Map<Tag, Digest> tags, Map<Digest, StoredManifest> manifests, Times times,
            Instant now) {
        Map<Tag, String> dropped = droppedTags(rule, tags, manifests, times, now);
        Map<Digest, List<Tag>> keptTagsOf = new HashMap<>();
        Set<Digest> taggedBefore = new HashSet<>(tags.values());
        tags.forEach((tag, digest) -> {
            if (!dropped.containsKey(tag)) {
                keptTagsOf.computeIfAbsent(digest, d -> new ArrayList<>()).add(tag);
            }
        });
        Map<Digest, List<StoredManifest>> referrersOf = new HashMap<>();
        for (StoredManifest manifest : manifests.values()) {
            manifest.subject().ifPresent(subject -> referrersOf.computeIfAbsent(subject, s -> new ArrayList<>())
                    .add(manifest));
        }
        Set<Digest> live = new HashSet<>();
        Deque<Digest> work = new ArrayDeque<>();
        for (StoredManifest manifest : manifests.values()) {
            Digest digest = manifest.digest();
            boolean judgedBySubject = manifest.subject().filter(manifests::containsKey).isPresent();
            if (keptTagsOf.containsKey(digest)
                    || (!taggedBefore.contains(digest) && !judgedBySubject && young(rule, digest, times, now))) {
                work.add(digest);
            }
        }
        close(live, work, manifests, referrersOf);
        if (!rule.referrersFollowSubject()) {
            // a referrer whose subject goes stays as long as an untagged manifest would
            for (StoredManifest manifest : manifests.values()) {
                Digest digest = manifest.digest();
                if (!live.contains(digest) && manifest.subject().isPresent() && !taggedBefore.contains(digest)
                        && young(rule, digest, times, now)) {
                    work.add(digest);
                }
            }
            close(live, work, manifests, referrersOf);
        }
        List<TagRemoval> tagRemovals = new ArrayList<>();
        dropped.forEach((tag, reason) -> tagRemovals.add(new TagRemoval(tag, tags.get(tag), reason)));
        tagRemovals.sort(Comparator.comparing(removal -> removal.tag().value()));
        List<ManifestRemoval> manifestRemovals = new ArrayList<>();
        for (StoredManifest manifest : manifests.values()) {
            if (!live.contains(manifest.digest())) {
                manifestRemovals.add(new ManifestRemoval(manifest.digest(), reason(rule, manifest, taggedBefore,
                        manifests)));
            }
        }
        manifestRemovals.sort(Comparator.comparingInt((ManifestRemoval removal) ->
                rank(manifests.get(removal.digest()), manifests)).thenComparing(r -> r.digest().toString()));
        return new Plan(tagRemovals, manifestRemovals);
    }

    private static void close(Set<Digest> live, Deque<Digest> work, Map<Digest, StoredManifest> manifests,
            Map<Digest, List<StoredManifest>> referrersOf) {
        while (!work.isEmpty()) {
            Digest digest = work.pop();
            if (!live.add(digest)) {
                continue;
            }
            for (Digest reference : manifests.get(digest).references()) {
                if (manifests.containsKey(reference) && !live.contains(reference)) {
                    work.add(reference); // an index's child
                }
            }
            for (StoredManifest referrer : referrersOf.getOrDefault(digest, List.of())) {
                if (!live.contains(referrer.digest())) {
                    work.add(referrer.digest());
                }
            }
        }
    }

    private static Map<Tag, String> droppedTags(RetentionRule rule, Map<Tag, Digest> tags,
            Map<Digest, StoredManifest> manifests, Times times, Instant now) {
        Map<Tag, String> dropped = new LinkedHashMap<>();
        if (!rule.limitsTags()) {
            return dropped;
        }
        Set<Tag> kept = new HashSet<>();
        Function<Tag, Instant> pushed = tag -> times.pushed(tags.get(tag));
        if (rule.keepLast().isPresent()) {
            tags.keySet().stream()
                    .sorted(Comparator.comparing(pushed).reversed().thenComparing(Tag::value))
                    .limit(rule.keepLast().getAsInt())
                    .forEach(kept::add);
        }
        for (Map.Entry<Tag, Digest> entry : tags.entrySet()) {
            Tag tag = entry.getKey();
            boolean matches = rule.keepTags().stream().anyMatch(pattern -> pattern.matcher(tag.value()).matches());
            boolean recent = rule.keepPushedOrPulledWithin().isPresent() && (!times.pushed(entry.getValue())
                    .isBefore(now.minus(rule.keepPushedOrPulledWithin().get()))
                    || times.lastPulled(entry.getValue())
                            .filter(pulled -> !pulled.isBefore(now.minus(rule.keepPushedOrPulledWithin().get())))
                            .isPresent());
            if (!matches && !recent && !kept.contains(tag) && manifests.containsKey(entry.getValue())) {
                dropped.put(tag, "retention rule " + rule.name() + ": matches no kept pattern"
                        + rule.keepLast().stream().mapToObj(n -> ", not among the " + n + " most recently pushed")
                                .findFirst().orElse("")
                        + rule.keepPushedOrPulledWithin().map(d -> ", neither pushed nor pulled within " + d)
                                .orElse(""));
            }
        }
        return dropped;
    }

    private static boolean young(RetentionRule rule, Digest digest, Times times, Instant now) {
        return rule.deleteUntaggedAfter().isEmpty()
                || !times.pushed(digest).isBefore(now.minus(rule.deleteUntaggedAfter().get()));
    }

    private static String reason(RetentionRule rule, StoredManifest manifest, Set<Digest> taggedBefore,
            Map<Digest, StoredManifest> manifests) {
        String prefix = "retention rule " + rule.name() + ": ";
        if (manifest.subject().filter(manifests::containsKey).isPresent() && rule.referrersFollowSubject()) {
            return prefix + "its subject " + manifest.subject().get() + " goes";
        }
        if (taggedBefore.contains(manifest.digest())) {
            return prefix + "its tags go and nothing live needs it";
        }
        return prefix + "untagged for longer than " + rule.deleteUntaggedAfter().map(Object::toString).orElse("?");
    }

    /** Referrers first, then indexes (manifests that reference manifests), then the rest. */
    private static int rank(StoredManifest manifest, Map<Digest, StoredManifest> manifests) {
        if (manifest.subject().isPresent()) {
            return 0;
        }
        return manifest.references().stream().anyMatch(manifests::containsKey) ? 1 : 2;
    }
}
