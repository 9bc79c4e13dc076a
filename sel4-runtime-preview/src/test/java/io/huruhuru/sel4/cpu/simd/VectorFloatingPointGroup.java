package io.huruhuru.sel4.cpu.simd;

import static io.huruhuru.sel4.cpu.simd.RandomInstructionGroups.FP_ARRANGEMENTS;
import static io.huruhuru.sel4.cpu.simd.RandomInstructionGroups.pick;
import static io.huruhuru.sel4.cpu.simd.RandomInstructionGroups.reg;
import static io.huruhuru.sel4.cpu.simd.RandomInstructionGroups.v;

import java.util.Random;

/** Vector FP: arithmetic, pairwise, fused, compares, conversions, rounding, FCVTN/FCVTL, scalar pairwise. */
final class VectorFloatingPointGroup implements RandomInstructionGroups.Group {
    public String next(Random r) {
        String a = pick(r, FP_ARRANGEMENTS);
        String e = a.equals("2d") ? "d" : "s";
        return switch (r.nextInt(7)) {
            case 0 -> String.format("%s %s, %s, %s", pick(r, "fadd", "fsub", "fmul", "fdiv", "fmax", "fmin",
                    "fmaxnm", "fminnm", "fabd", "faddp", "fmaxp", "fminp", "fmaxnmp", "fminnmp", "fmla", "fmls"),
                    v(r, a), v(r, a), v(r, a));
            case 1 -> String.format("%s %s, %s, %s", pick(r, "fcmeq", "fcmge", "fcmgt", "facge", "facgt"),
                    v(r, a), v(r, a), v(r, a));
            case 2 -> String.format("%s %s, %s, #0.0", pick(r, "fcmeq", "fcmge", "fcmgt", "fcmle", "fcmlt"),
                    v(r, a), v(r, a));
            case 3 -> String.format("%s %s, %s", pick(r, "fabs", "fneg", "fsqrt", "scvtf", "ucvtf", "fcvtzs",
                    "fcvtzu", "fcvtns", "fcvtnu", "fcvtms", "fcvtps", "fcvtas", "frintn", "frintp", "frintm",
                    "frintz", "frinta", "frintx", "frinti"), v(r, a), v(r, a));
            case 4 -> pick(r,
                    String.format("fcvtn v%d.2s, v%d.2d", reg(r), reg(r)),
                    String.format("fcvtn2 v%d.4s, v%d.2d", reg(r), reg(r)),
                    String.format("fcvtl v%d.2d, v%d.2s", reg(r), reg(r)),
                    String.format("fcvtl2 v%d.2d, v%d.4s", reg(r), reg(r)),
                    String.format("fcvtn v%d.4h, v%d.4s", reg(r), reg(r)),
                    String.format("fcvtl v%d.4s, v%d.4h", reg(r), reg(r)));
            case 5 -> String.format("%s %s%d, %s%d", pick(r, "scvtf", "ucvtf", "fcvtzs", "fcvtzu", "fcvtns",
                    "fcvtas", "fcvtms"), e, reg(r), e, reg(r));
            default -> pick(r,
                    String.format("%s %s%d, v%d.2%s", pick(r, "faddp", "fmaxp", "fminp", "fmaxnmp", "fminnmp"), e,
                            reg(r), reg(r), e),
                    String.format("%s s%d, v%d.4s", pick(r, "fmaxv", "fminv", "fmaxnmv", "fminnmv"), reg(r),
                            reg(r)),
                    String.format("%s %s, %s, #%d", pick(r, "scvtf", "ucvtf", "fcvtzs", "fcvtzu"), v(r, a),
                            v(r, a), 1 + r.nextInt(a.equals("2d") ? 64 : 32)),
                    String.format("%s %s%d, %s%d, %s%d", pick(r, "fabd", "fcmeq", "fcmge", "fcmgt", "facgt",
                            "fmulx", "frecps", "frsqrts"), e, reg(r), e, reg(r), e, reg(r)),
                    String.format("%s %s, %s, %s", pick(r, "fmulx", "frecps", "frsqrts"), v(r, a), v(r, a), v(r, a)),
                    String.format("%s %s, %s", pick(r, "frecpe", "frsqrte"), v(r, a), v(r, a)),
                    String.format("%s %s%d, %s%d", pick(r, "frecpe", "frsqrte", "frecpx"), e, reg(r), e, reg(r)));
        };
    }
}
