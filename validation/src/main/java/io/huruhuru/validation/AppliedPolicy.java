package io.huruhuru.validation;

import io.huruhuru.validation.budget.Mode;
import java.util.List;

/** The policy rule that applied to the repository, as reports name it. */
public record AppliedPolicy(List<String> repositories, String platform, String architecture, Mode mode) {

    public AppliedPolicy {
        repositories = List.copyOf(repositories);
    }
}
