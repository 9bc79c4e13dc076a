package io.huruhuru.sel4.cpu.simd;

import static io.huruhuru.sel4.cpu.simd.RandomInstructionGroups.INT_ARRANGEMENTS;
import static io.huruhuru.sel4.cpu.simd.RandomInstructionGroups.pick;
import static io.huruhuru.sel4.cpu.simd.RandomInstructionGroups.reg;
import static io.huruhuru.sel4.cpu.simd.RandomInstructionGroups.v;

import java.util.Random;

/** Three-same integer and logic: ADD, SUB, CM*, MAX/MIN, pairwise, saturating, halving, shifts, MUL, BSL... */
final class VectorIntegerThreeSameGroup implements RandomInstructionGroups.Group {
    public String next(Random r) {
        String a = pick(r, INT_ARRANGEMENTS);
        boolean d2 = a.equals("2d");
        if (r.nextInt(4) == 0) {
            a = pick(r, "8b", "16b");
            return String.format("%s %s, %s, %s", pick(r, "and", "orr", "eor", "bic", "orn", "bsl", "bit",
                    "bif"), v(r, a), v(r, a), v(r, a));
        }
        String op = d2 ? pick(r, "add", "sub", "cmeq", "cmhi", "cmhs", "cmgt", "cmge", "cmtst", "addp", "ushl",
                "sshl", "uqadd", "sqadd", "uqsub", "sqsub")
                : pick(r, "add", "sub", "cmeq", "cmhi", "cmhs", "cmgt", "cmge", "cmtst", "umax", "umin", "smax",
                "smin", "umaxp", "uminp", "smaxp", "sminp", "addp", "uabd", "sabd", "uaba", "saba", "ushl", "sshl",
                "uqadd", "sqadd", "uqsub", "sqsub", "uhadd", "shadd", "urhadd", "srhadd", "uhsub", "shsub", "mla",
                "mls", "mul");
        if (op.equals("mul") || op.equals("mla") || op.equals("mls")) {
            a = pick(r, "8b", "16b", "4h", "8h", "2s", "4s");
        }
        if (r.nextInt(8) == 0) {
            a = pick(r, "4h", "8h", "2s", "4s");
            op = pick(r, "sqdmulh", "sqrdmulh");
            if (r.nextBoolean()) {
                String t = a.endsWith("h") ? "h" : "s";
                return String.format("%s %s%d, %s%d, %s%d", op, t, reg(r), t, reg(r), t, reg(r));
            }
        }
        return String.format("%s %s, %s, %s", op, v(r, a), v(r, a), v(r, a));
    }
}
