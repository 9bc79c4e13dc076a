package io.huruhuru.sel4.cpu.simd;

import static io.huruhuru.sel4.cpu.simd.RandomInstructionGroups.INT_ARRANGEMENTS;
import static io.huruhuru.sel4.cpu.simd.RandomInstructionGroups.pick;
import static io.huruhuru.sel4.cpu.simd.RandomInstructionGroups.reg;
import static io.huruhuru.sel4.cpu.simd.RandomInstructionGroups.v;

import java.util.Random;

/** DUP, INS, UMOV, SMOV, MOVI/MVNI/ORR/BIC immediate, FMOV vector immediate, EXT, TBL, TBX, ZIP/UZP/TRN. */
final class VectorPermuteAndCopyGroup implements RandomInstructionGroups.Group {
    public String next(Random r) {
        String[] types = {"b", "h", "s", "d"};
        int size = r.nextInt(4);
        String t = types[size];
        int index = r.nextInt(16 >> size);
        return switch (r.nextInt(9)) {
            case 0 -> String.format("dup %s, v%d.%s[%d]", v(r, pick(r, INT_ARRANGEMENTS)).replaceAll("\\..*", "")
                    + "." + arrangementFor(size, r), reg(r), t, index);
            case 1 -> String.format("dup v%d.%s, %s%d", reg(r), arrangementFor(size, r),
                    size == 3 ? "x" : "w", r.nextInt(26));
            case 2 -> String.format("ins v%d.%s[%d], v%d.%s[%d]", reg(r), t, index, reg(r), t,
                    r.nextInt(16 >> size));
            case 3 -> String.format("ins v%d.%s[%d], %s%d", reg(r), t, index, size == 3 ? "x" : "w",
                    r.nextInt(26));
            case 4 -> size == 3 ? String.format("umov x%d, v%d.d[%d]", r.nextInt(26), reg(r), index)
                    : size == 2 ? String.format("smov x%d, v%d.s[%d]", r.nextInt(26), reg(r), index)
                    : String.format("%s %s%d, v%d.%s[%d]", pick(r, "umov", "smov"), "w", r.nextInt(26), reg(r), t,
                    index);
            case 5 -> pick(r,
                    String.format("movi v%d.%s, #%d, lsl #%d", reg(r), pick(r, "2s", "4s"), r.nextInt(256),
                            8 * r.nextInt(4)),
                    String.format("mvni v%d.%s, #%d, msl #%d", reg(r), pick(r, "2s", "4s"), r.nextInt(256),
                            pick(r, new String[] {"8", "16"}).equals("8") ? 8 : 16),
                    String.format("%s v%d.%s, #%d, lsl #%d", pick(r, "orr", "bic"), reg(r), pick(r, "4h", "8h"),
                            r.nextInt(256), 8 * r.nextInt(2)),
                    String.format("movi v%d.%s, #%d", reg(r), pick(r, "8b", "16b"), r.nextInt(256)),
                    String.format("movi d%d, #0xff00ff0000ffff00", reg(r)),
                    String.format("movi v%d.2d, #0x00ffff00ff0000ff", reg(r)),
                    String.format("fmov v%d.%s, #%s", reg(r), pick(r, "2s", "4s", "2d"), pick(r, "1.0", "-3.5",
                            "0.25")));
            case 6 -> {
                boolean full = r.nextBoolean();
                yield String.format("ext v%d.%s, v%d.%s, v%d.%s, #%d", reg(r), full ? "16b" : "8b", reg(r),
                        full ? "16b" : "8b", reg(r), full ? "16b" : "8b", r.nextInt(full ? 16 : 8));
            }
            case 7 -> {
                int count = 1 + r.nextInt(4);
                int first = r.nextInt(33 - count);
                StringBuilder list = new StringBuilder();
                for (int i = 0; i < count; i++) {
                    list.append(i == 0 ? "" : ", ").append("v").append(first + i).append(".16b");
                }
                String a = pick(r, "8b", "16b");
                yield String.format("%s v%d.%s, {%s}, v%d.%s", pick(r, "tbl", "tbx"), reg(r), a, list, reg(r), a);
            }
            default -> {
                String a = pick(r, INT_ARRANGEMENTS);
                yield String.format("%s %s, %s, %s", pick(r, "zip1", "zip2", "uzp1", "uzp2", "trn1", "trn2"),
                        v(r, a), v(r, a), v(r, a));
            }
        };
    }

    private static String arrangementFor(int size, Random r) {
        return switch (size) {
            case 0 -> pick(r, "8b", "16b");
            case 1 -> pick(r, "4h", "8h");
            case 2 -> pick(r, "2s", "4s");
            default -> "2d";
        };
    }
}
