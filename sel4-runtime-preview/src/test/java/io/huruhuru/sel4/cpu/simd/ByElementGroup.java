package io.huruhuru.sel4.cpu.simd;

import static io.huruhuru.sel4.cpu.simd.RandomInstructionGroups.FP_ARRANGEMENTS;
import static io.huruhuru.sel4.cpu.simd.RandomInstructionGroups.pick;
import static io.huruhuru.sel4.cpu.simd.RandomInstructionGroups.reg;
import static io.huruhuru.sel4.cpu.simd.RandomInstructionGroups.v;

import java.util.Random;

/** Multiplies by one element: MUL/MLA/MLS, SMULL/UMULL/…MLAL/…MLSL, FMUL/FMLA/FMLS, vector and scalar. */
final class ByElementGroup implements RandomInstructionGroups.Group {
    public String next(Random r) {
        switch (r.nextInt(4)) {
            case 0: {
                boolean h = r.nextBoolean();
                String a = h ? pick(r, "4h", "8h") : pick(r, "2s", "4s");
                String element = h ? "v" + r.nextInt(16) + ".h[" + r.nextInt(8) + "]"
                        : "v" + reg(r) + ".s[" + r.nextInt(4) + "]";
                return String.format("%s %s, %s, %s", pick(r, "mul", "mla", "mls", "sqdmulh", "sqrdmulh"), v(r, a), v(r, a), element);
            }
            case 1: {
                boolean h = r.nextBoolean();
                boolean upper = r.nextBoolean();
                String narrow = h ? (upper ? "8h" : "4h") : (upper ? "4s" : "2s");
                String wide = h ? "4s" : "2d";
                String element = h ? "v" + r.nextInt(16) + ".h[" + r.nextInt(8) + "]"
                        : "v" + reg(r) + ".s[" + r.nextInt(4) + "]";
                return String.format("%s%s %s, %s, %s", pick(r, "smull", "umull", "smlal", "umlal", "smlsl",
                        "umlsl"), upper ? "2" : "", v(r, wide), v(r, narrow), element);
            }
            case 2: {
                String a = pick(r, FP_ARRANGEMENTS);
                String element = a.equals("2d") ? "v" + reg(r) + ".d[" + r.nextInt(2) + "]"
                        : "v" + reg(r) + ".s[" + r.nextInt(4) + "]";
                return String.format("%s %s, %s, %s", pick(r, "fmul", "fmla", "fmls"), v(r, a), v(r, a), element);
            }
            default: {
                boolean d = r.nextBoolean();
                String t = d ? "d" : "s";
                String element = d ? "v" + reg(r) + ".d[" + r.nextInt(2) + "]"
                        : "v" + reg(r) + ".s[" + r.nextInt(4) + "]";
                return String.format("%s %s%d, %s%d, %s", pick(r, "fmul", "fmla", "fmls"), t, reg(r), t, reg(r),
                        element);
            }
        }
    }
}
