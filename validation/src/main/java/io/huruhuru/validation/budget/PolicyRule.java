package io.huruhuru.validation.budget;

import io.huruhuru.oci.RepositoryName;
import java.util.List;

/**
 * Which repositories a budget applies to, for which platform, with which limits and mode, and which of their accepted
 * manifests the registry signs.
 */
public record PolicyRule(List<RepositoryPattern> repositories, TargetPlatform platform, Mode mode, Limits limits,
        Signing signing) {

    public PolicyRule {
        repositories = List.copyOf(repositories);
    }

    public boolean matches(RepositoryName repository) {
        return repositories.stream().anyMatch(p -> p.matches(repository));
    }

    /** The patterns as written, for reports. */
    public List<String> patterns() {
        return repositories.stream().map(RepositoryPattern::glob).toList();
    }
}
