package io.huruhuru.validation.budget;

import io.huruhuru.oci.RepositoryName;
import java.util.List;
import java.util.Optional;

/**
 * Which repositories a budget applies to, for which platform (none: no architecture is required), with which limits
 * and mode, which of their accepted manifests the registry signs, and on which board of the seL4 model (by name) an
 * image must boot to be accepted ({@code requireBoot}).
 */
public record PolicyRule(List<RepositoryPattern> repositories, Optional<TargetPlatform> platform, Mode mode,
        Limits limits, Signing signing, Optional<String> requireBoot) {

    public PolicyRule {
        repositories = List.copyOf(repositories);
    }

    /** A rule that requires no boot. */
    public PolicyRule(List<RepositoryPattern> repositories, Optional<TargetPlatform> platform, Mode mode,
            Limits limits, Signing signing) {
        this(repositories, platform, mode, limits, signing, Optional.empty());
    }

    /** Whether the rule sets a budget (a platform or limits), beyond the koskit checks that apply everywhere. */
    public boolean budgets() {
        return platform.isPresent() || !limits.equals(Limits.NONE);
    }

    public boolean matches(RepositoryName repository) {
        return repositories.stream().anyMatch(p -> p.matches(repository));
    }

    /** The patterns as written, for reports. */
    public List<String> patterns() {
        return repositories.stream().map(RepositoryPattern::glob).toList();
    }
}
