package io.huruhuru.server.gc;

import io.huruhuru.oci.RepositoryName;
import io.huruhuru.storage.gc.RetentionRule;
import io.huruhuru.storage.quota.Quotas;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;

/** The retention and quota rules, in file order; the first rule that covers a repository is the one that applies. */
public record GcPolicy(List<GcRule> rules) {

    /** No file: nothing is retained away and no repository has a quota. */
    public static final GcPolicy NONE = new GcPolicy(List.of());

    public GcPolicy {
        rules = List.copyOf(rules);
    }

    public Optional<GcRule> ruleFor(RepositoryName repository) {
        return rules.stream().filter(rule -> rule.covers(repository)).findFirst();
    }

    /** The rules as storage's retention takes them, in the same order (storage also applies the first match). */
    public List<RetentionRule> retention() {
        return rules.stream().map(GcRule::retention).toList();
    }

    /** The quota of the first rule that covers each repository (a first rule without a quota means none). */
    public Quotas quotas() {
        return repository -> ruleFor(repository).map(GcRule::quota).orElse(OptionalLong.empty());
    }
}
