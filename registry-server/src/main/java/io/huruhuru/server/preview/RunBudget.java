package io.huruhuru.server.preview;

import io.huruhuru.server.http.ErrorCode;
import io.huruhuru.server.http.RegistryException;
import java.util.OptionalLong;

/**
 * How many instructions a preview lets a native application execute: a default, and the most a request may ask for,
 * so that one request cannot keep a worker busy for long (the model executes some tens of millions a second).
 */
public record RunBudget(long defaultBudget, long maxBudget) {

    /** 100 million by default (the talk's hello needs some 50,000), at most 1,000 million. */
    public static final RunBudget DEFAULT = new RunBudget(100_000_000L, 1_000_000_000L);

    public RunBudget {
        if (defaultBudget <= 0 || maxBudget < defaultBudget) {
            throw new IllegalArgumentException("a run budget is positive and at most the maximum, got default "
                    + defaultBudget + " and maximum " + maxBudget);
        }
    }

    /** @throws RegistryException {@code PREVIEW_INVALID} when the budget asked for is above the maximum */
    public long of(OptionalLong asked) {
        if (asked.isEmpty()) {
            return defaultBudget;
        }
        if (asked.getAsLong() > maxBudget) {
            throw RegistryException.withMessage(ErrorCode.PREVIEW_INVALID, "preview request invalid: budget "
                    + asked.getAsLong() + " is above this registry's maximum of " + maxBudget + " instructions",
                    "budget above " + maxBudget);
        }
        return asked.getAsLong();
    }
}
