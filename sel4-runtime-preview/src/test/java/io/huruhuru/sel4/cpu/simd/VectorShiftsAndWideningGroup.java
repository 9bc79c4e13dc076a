package io.huruhuru.sel4.cpu.simd;

import static io.huruhuru.sel4.cpu.simd.RandomInstructionGroups.pick;
import static io.huruhuru.sel4.cpu.simd.RandomInstructionGroups.reg;
import static io.huruhuru.sel4.cpu.simd.RandomInstructionGroups.v;

import java.util.Random;

/** Shifts by immediate (vector and scalar D), the long and narrow shifts, and the three-different group. */
final class VectorShiftsAndWideningGroup implements RandomInstructionGroups.Group {
    public String next(Random r) {
        String[] arr = {"8b", "16b", "4h", "8h", "2s", "4s", "2d"};
        int[] bitsOf = {8, 8, 16, 16, 32, 32, 64};
        int i = r.nextInt(arr.length);
        String a = arr[i];
        int bits = bitsOf[i];
        switch (r.nextInt(7)) {
            case 5: {
                String op = pick(r, "sqshl", "uqshl", "sqshlu");
                if (r.nextBoolean()) {
                    String[] t = {"b", "h", "s", "d"};
                    int k = r.nextInt(4);
                    return String.format("%s %s%d, %s%d, #%d", op, t[k], reg(r), t[k], reg(r), r.nextInt(8 << k));
                }
                return String.format("%s %s, %s, #%d", op, v(r, a), v(r, a), r.nextInt(bits));
            }
            case 6: {
                if (r.nextBoolean()) {
                    return String.format("%s %s, %s, %s", pick(r, "srshl", "urshl", "sqshl", "uqshl", "sqrshl",
                            "uqrshl"), v(r, a), v(r, a), v(r, a));
                }
                String[][] p = {{"b", "h"}, {"h", "s"}, {"s", "d"}};
                String[][] vp = {{"8b", "8h", "16b"}, {"4h", "4s", "8h"}, {"2s", "2d", "4s"}};
                int k = r.nextInt(3);
                String op = pick(r, "sqshrn", "sqrshrn", "uqshrn", "uqrshrn", "sqshrun", "sqrshrun");
                int amount = 1 + r.nextInt(8 << k);
                if (r.nextBoolean()) {
                    return String.format("%s %s%d, %s%d, #%d", op, p[k][0], reg(r), p[k][1], reg(r), amount);
                }
                boolean upper = r.nextBoolean();
                return String.format("%s%s %s, %s, #%d", op, upper ? "2" : "", v(r, upper ? vp[k][2] : vp[k][0]),
                        v(r, vp[k][1]), amount);
            }
            case 0: {
                String op = pick(r, "ushr", "sshr", "usra", "ssra", "urshr", "srshr", "ursra", "srsra", "sri");
                return String.format("%s %s, %s, #%d", op, v(r, a), v(r, a), 1 + r.nextInt(bits));
            }
            case 1:
                return String.format("%s %s, %s, #%d", pick(r, "shl", "sli"), v(r, a), v(r, a), r.nextInt(bits));
            case 2: {
                String[][] p = {{"8b", "8h", "16b"}, {"4h", "4s", "8h"}, {"2s", "2d", "4s"}};
                int k = r.nextInt(3);
                int narrowBits = 8 << k;
                boolean upper = r.nextBoolean();
                if (r.nextBoolean()) {
                    return String.format("%s%s %s, %s, #%d", pick(r, "shrn", "rshrn"), upper ? "2" : "",
                            v(r, upper ? p[k][2] : p[k][0]), v(r, p[k][1]), 1 + r.nextInt(narrowBits));
                }
                return String.format("%s%s %s, %s, #%d", pick(r, "ushll", "sshll"), upper ? "2" : "",
                        v(r, p[k][1]), v(r, upper ? p[k][2] : p[k][0]), r.nextInt(narrowBits));
            }
            case 3: {
                String[][] p = {{"8b", "8h", "16b"}, {"4h", "4s", "8h"}, {"2s", "2d", "4s"}};
                int k = r.nextInt(3);
                boolean upper = r.nextBoolean();
                String narrow = upper ? p[k][2] : p[k][0];
                String sfx = upper ? "2" : "";
                String op = pick(r, "uaddl", "saddl", "usubl", "ssubl", "uaddw", "saddw", "usubw", "ssubw",
                        "umull", "smull", "umlal", "smlal", "umlsl", "smlsl", "uabdl", "sabdl", "uabal", "sabal",
                        "addhn", "raddhn", "subhn", "rsubhn");
                if (op.endsWith("hn")) {
                    return String.format("%s%s %s, %s, %s", op, sfx, v(r, narrow), v(r, p[k][1]), v(r, p[k][1]));
                }
                if (op.endsWith("w")) {
                    return String.format("%s%s %s, %s, %s", op, sfx, v(r, p[k][1]), v(r, p[k][1]), v(r, narrow));
                }
                return String.format("%s%s %s, %s, %s", op, sfx, v(r, p[k][1]), v(r, narrow), v(r, narrow));
            }
            default:
                return pick(r,
                        String.format("%s d%d, d%d, #%d", pick(r, "ushr", "sshr", "usra", "sri", "urshr"), reg(r),
                                reg(r), 1 + r.nextInt(64)),
                        String.format("%s d%d, d%d, #%d", pick(r, "shl", "sli"), reg(r), reg(r), r.nextInt(64)),
                        String.format("%s d%d, d%d, d%d", pick(r, "add", "sub", "cmeq", "cmhi", "cmge", "cmtst",
                                "ushl", "sshl"), reg(r), reg(r), reg(r)),
                        String.format("%s d%d, d%d, #0", pick(r, "cmeq", "cmgt", "cmlt"), reg(r), reg(r)),
                        String.format("%s d%d, d%d", pick(r, "abs", "neg"), reg(r), reg(r)),
                        String.format("addp d%d, v%d.2d", reg(r), reg(r)),
                        String.format("mov %s%d, v%d.%s[%d]", "s", reg(r), reg(r), "s", r.nextInt(4)));
        }
    }
}
