package io.huruhuru.sel4.cpu.simd;

import static io.huruhuru.sel4.cpu.simd.RandomInstructionGroups.fp;
import static io.huruhuru.sel4.cpu.simd.RandomInstructionGroups.pick;
import static io.huruhuru.sel4.cpu.simd.RandomInstructionGroups.reg;
import static io.huruhuru.sel4.cpu.simd.RandomInstructionGroups.x;

import java.util.Random;

/** SCVTF/UCVTF (integer and fixed-point), FCVT[NPMZA][SU] (and fixed-point FCVTZ*), FMOV to/from general. */
final class FpIntegerConversionGroup implements RandomInstructionGroups.Group {
    public String next(Random r) {
        String t = fp(r, true);
        String g = x(r);
        int bits = g.startsWith("x") ? 64 : 32;
        return switch (r.nextInt(5)) {
            case 0 -> String.format("%s %s%d, %s", pick(r, "scvtf", "ucvtf"), t, reg(r), g);
            case 1 -> String.format("%s %s%d, %s, #%d", pick(r, "scvtf", "ucvtf"), t, reg(r), g,
                    1 + r.nextInt(bits));
            case 2 -> String.format("%s %s, %s%d", pick(r, "fcvtns", "fcvtnu", "fcvtps", "fcvtpu", "fcvtms",
                    "fcvtmu", "fcvtzs", "fcvtzu", "fcvtas", "fcvtau"), g, t, reg(r));
            case 3 -> String.format("%s %s, %s%d, #%d", pick(r, "fcvtzs", "fcvtzu"), g, t, reg(r),
                    1 + r.nextInt(bits));
            default -> bits == 64
                    ? pick(r, "fmov " + g + ", d" + reg(r), "fmov d" + reg(r) + ", " + g,
                            "fmov " + g + ", v" + reg(r) + ".d[1]", "fmov v" + reg(r) + ".d[1], " + g)
                    : pick(r, "fmov " + g + ", s" + reg(r), "fmov s" + reg(r) + ", " + g);
        };
    }
}
