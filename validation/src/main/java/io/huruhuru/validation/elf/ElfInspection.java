package io.huruhuru.validation.elf;

import io.huruhuru.validation.Violation;
import java.util.List;
import java.util.Optional;

/** The result of inspecting a binary: its summary when the headers could be read, and every violation found. */
public record ElfInspection(Optional<ElfSummary> summary, List<Violation> violations) {

    public ElfInspection {
        violations = List.copyOf(violations);
    }
}
