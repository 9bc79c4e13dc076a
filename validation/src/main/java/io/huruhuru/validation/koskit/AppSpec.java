package io.huruhuru.validation.koskit;

import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.OptionalLong;

/**
 * The koskit runtime spec of an app as its labels give it; a value is empty when its label is missing or invalid
 * (a violation says which).
 *
 * @param binary the app binary's absolute path: the binary label, else the resolved ENTRYPOINT
 * @param binaryFromEntrypoint whether {@code binary} came from the ENTRYPOINT
 * @param publishes protocol names in label order
 */
public record AppSpec(
        Optional<String> name, Optional<String> binary, boolean binaryFromEntrypoint, Optional<String> specPath,
        OptionalLong heapPages, OptionalLong utLargePage, OptionalLong ut4kPages, OptionalInt priority,
        OptionalInt maxPriority, Optional<List<String>> publishes) {
}
