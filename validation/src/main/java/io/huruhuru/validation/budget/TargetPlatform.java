package io.huruhuru.validation.budget;

import java.util.Objects;

/**
 * A board a policy budgets for: its name, the OCI architecture its apps must be built for, and the stack each app
 * gets (counted in the memory total).
 */
public record TargetPlatform(String name, String architecture, long stackPages) {

    public TargetPlatform {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(architecture, "architecture");
        if (stackPages < 0) {
            throw new IllegalArgumentException("stack pages must not be negative");
        }
    }
}
