package io.huruhuru.validation.budget;

import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * The most an image may ask for; an empty limit does not apply.
 *
 * @param memoryBytes the most of the memory total (see {@link io.huruhuru.sel4.app.MemoryDemand})
 * @param protocols the protocols an image may publish; empty means any
 */
public record Limits(
        OptionalLong heapPages, OptionalLong utLargePage, OptionalLong ut4kPages, OptionalLong memoryBytes,
        OptionalLong priority, OptionalLong maxPriority, Optional<List<String>> protocols) {

    public static final Limits NONE = new Limits(OptionalLong.empty(), OptionalLong.empty(), OptionalLong.empty(),
            OptionalLong.empty(), OptionalLong.empty(), OptionalLong.empty(), Optional.empty());

    public Limits {
        protocols = protocols.map(List::copyOf);
    }
}
