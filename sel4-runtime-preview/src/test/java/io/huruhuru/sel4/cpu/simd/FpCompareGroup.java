package io.huruhuru.sel4.cpu.simd;

import static io.huruhuru.sel4.cpu.simd.RandomInstructionGroups.fp;
import static io.huruhuru.sel4.cpu.simd.RandomInstructionGroups.pick;
import static io.huruhuru.sel4.cpu.simd.RandomInstructionGroups.reg;

import java.util.Random;

/** FCMP, FCMPE (registers and #0.0), FCCMP, FCCMPE, FCSEL. */
final class FpCompareGroup implements RandomInstructionGroups.Group {
    private static final String[] CONDITIONS = {"eq", "ne", "hs", "lo", "mi", "pl", "vs", "vc", "hi", "ls",
        "ge", "lt", "gt", "le", "al"};

    public String next(Random r) {
        String t = fp(r, true);
        return switch (r.nextInt(4)) {
            case 0 -> String.format("%s %s%d, %s", pick(r, "fcmp", "fcmpe"), t, reg(r),
                    r.nextBoolean() ? "#0.0" : t + reg(r));
            case 1 -> String.format("%s %s%d, %s%d, #%d, %s", pick(r, "fccmp", "fccmpe"), t, reg(r), t, reg(r),
                    r.nextInt(16), pick(r, CONDITIONS));
            case 2 -> String.format("fcsel %s%d, %s%d, %s%d, %s", t, reg(r), t, reg(r), t, reg(r),
                    pick(r, CONDITIONS));
            default -> String.format("fcmp %s%d, %s%d", t, reg(r), t, reg(r));
        };
    }
}
