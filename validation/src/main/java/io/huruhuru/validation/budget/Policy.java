package io.huruhuru.validation.budget;

import io.huruhuru.oci.RepositoryName;
import java.util.List;
import java.util.Optional;

/**
 * Budget rules by repository; the first rule whose pattern matches applies. With no rule (or no policy) the koskit
 * checks still apply, in {@code enforce} mode, and no budget does.
 */
public record Policy(List<PolicyRule> rules) {

    /** The policy of a registry without a policy file. */
    public static final Policy NONE = new Policy(List.of());

    public Policy {
        rules = List.copyOf(rules);
    }

    public Optional<PolicyRule> ruleFor(RepositoryName repository) {
        return rules.stream().filter(r -> r.matches(repository)).findFirst();
    }

    /** Which accepted manifests of {@code repository} are signed: its rule's choice, {@link Signing#ALL} without one. */
    public Signing signingFor(RepositoryName repository) {
        return ruleFor(repository).map(PolicyRule::signing).orElse(Signing.ALL);
    }
}
