package io.huruhuru.sel4.cpu.differential;

import static io.huruhuru.sel4.cpu.differential.InstructionGroup.BASE;
import static io.huruhuru.sel4.cpu.differential.InstructionGroup.WRITEBACK_BASE;

import io.huruhuru.sel4.cpu.simd.RandomInstructionGroups;
import java.util.List;
import java.util.regex.Pattern;

/**
 * The FP/SIMD groups of {@code cpu.simd.RandomInstructionGroups} in this harness. Their memory base x26 becomes
 * the writeback base x27, reset from x28 before each such line; a line with a scalar half-precision register is
 * drawn again, since those forms need FEAT_FP16 beyond this harness's -march (the simd package's own
 * QemuDifferentialTest covers them, with FP-valued registers and random FPCR).
 */
final class SimdInstructionGroups {
    private static final Pattern HALF_REGISTER = Pattern.compile("\\bh\\d+\\b");

    private SimdInstructionGroups() { }

    static List<InstructionGroup> all() {
        return RandomInstructionGroups.ALL.stream().map(SimdInstructionGroups::adapt).toList();
    }

    private static InstructionGroup adapt(RandomInstructionGroups.Group group) {
        return (random, lines) -> {
            String text = group.next(random);
            while (HALF_REGISTER.matcher(text).find()) {
                text = group.next(random);
            }
            if (text.contains("x26")) {
                lines.add("mov " + WRITEBACK_BASE + ", " + BASE);
            }
            for (String line : text.split("\n")) {
                lines.add(line.replace("x26", WRITEBACK_BASE));
            }
        };
    }
}
