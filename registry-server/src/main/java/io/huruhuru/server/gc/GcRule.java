package io.huruhuru.server.gc;

import io.huruhuru.oci.RepositoryName;
import io.huruhuru.storage.gc.RetentionRule;
import io.huruhuru.validation.budget.RepositoryPattern;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.OptionalLong;
import java.util.regex.Pattern;

/**
 * One rule of the retention and quota file: the repositories it covers and what it keeps there and allows.
 *
 * @param keepTags tags matching one of these (whole tag) are kept
 * @param keepLast the N most recently pushed tagged manifests are kept
 * @param keepPushedOrPulledWithin manifests pushed or pulled within this are kept
 * @param deleteUntaggedAfter untagged manifests older than this go; empty keeps them
 * @param referrersFollowSubject a referrer (signature, attestation) goes when its subject goes
 * @param quota the most bytes of blobs the repository may hold, each blob counted once
 */
public record GcRule(String name, RepositoryPattern repositories, List<Pattern> keepTags, OptionalInt keepLast,
        Optional<Duration> keepPushedOrPulledWithin, Optional<Duration> deleteUntaggedAfter,
        boolean referrersFollowSubject, OptionalLong quota) {

    /** Keeps every tag: what a rule that says nothing about tags means (a quota-only rule retains everything). */
    private static final List<Pattern> EVERY_TAG = List.of(Pattern.compile(".*", Pattern.DOTALL));

    public GcRule {
        keepTags = List.copyOf(keepTags);
    }

    public boolean covers(RepositoryName repository) {
        return repositories.matches(repository);
    }

    /** Whether the rule says which tags to keep; one that does not keeps them all. */
    public boolean limitsTags() {
        return !keepTags.isEmpty() || keepLast.isPresent() || keepPushedOrPulledWithin.isPresent();
    }

    /** The rule as storage's retention evaluates it. */
    public RetentionRule retention() {
        return new RetentionRule(name, repositories::matches, limitsTags() ? keepTags : EVERY_TAG, keepLast,
                keepPushedOrPulledWithin, deleteUntaggedAfter, referrersFollowSubject);
    }
}
