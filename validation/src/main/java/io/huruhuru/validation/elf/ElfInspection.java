package io.huruhuru.validation.elf;

import io.huruhuru.sel4.app.ElfHeaders;
import io.huruhuru.validation.Violation;
import java.util.List;
import java.util.Optional;

/** The result of inspecting a binary: its headers when they could be read, and every violation found. */
public record ElfInspection(Optional<ElfHeaders> summary, List<Violation> violations) {

    public ElfInspection {
        violations = List.copyOf(violations);
    }
}
