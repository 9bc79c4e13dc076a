package io.huruhuru.storage.gc;

import io.huruhuru.oci.RepositoryName;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.function.Predicate;
import java.util.regex.Pattern;

/**
 * A retention policy for the repositories its predicate matches. A tag is kept when it matches one of
 * {@code keepTags}, is among the {@code keepLast} tags whose manifests were pushed most recently, or points at a
 * manifest pushed or pulled within {@code keepPushedOrPulledWithin}; a rule that gives none of the three keeps every
 * tag. A manifest whose tags all go, goes with them unless something live still needs it (an index that lists it, a
 * subject it refers to that lives). Manifests that were untagged before go only after {@code deleteUntaggedAfter}
 * since they were pushed, never without it. A referrer is kept while its subject lives; with
 * {@code referrersFollowSubject} it goes when retention removes its subject (otherwise it is judged as an untagged
 * manifest).
 */
public record RetentionRule(String name, Predicate<RepositoryName> repositories, List<Pattern> keepTags,
        OptionalInt keepLast, Optional<Duration> keepPushedOrPulledWithin, Optional<Duration> deleteUntaggedAfter,
        boolean referrersFollowSubject) {

    public RetentionRule {
        keepTags = List.copyOf(keepTags);
        if (keepLast.isPresent() && keepLast.getAsInt() < 0) {
            throw new IllegalArgumentException("keepLast " + keepLast.getAsInt() + " is negative");
        }
        keepPushedOrPulledWithin.filter(Duration::isNegative).ifPresent(d -> {
            throw new IllegalArgumentException("negative duration " + d);
        });
        deleteUntaggedAfter.filter(Duration::isNegative).ifPresent(d -> {
            throw new IllegalArgumentException("negative duration " + d);
        });
    }

    /** Whether the rule says anything about tags; one that does not keeps them all. */
    public boolean limitsTags() {
        return !keepTags.isEmpty() || keepLast.isPresent() || keepPushedOrPulledWithin.isPresent();
    }
}
