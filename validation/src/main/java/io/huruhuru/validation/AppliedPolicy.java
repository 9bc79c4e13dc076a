package io.huruhuru.validation;

import io.huruhuru.validation.budget.Mode;
import java.util.List;
import java.util.Optional;

/** The policy rule that applied to the repository, as reports name it. */
public record AppliedPolicy(List<String> repositories, Optional<String> platform, Optional<String> architecture,
        Mode mode) {

    public AppliedPolicy {
        repositories = List.copyOf(repositories);
    }
}
