package io.huruhuru.sel4.cpu.simd;

import static io.huruhuru.sel4.cpu.simd.RandomInstructionGroups.INT_ARRANGEMENTS;
import static io.huruhuru.sel4.cpu.simd.RandomInstructionGroups.pick;
import static io.huruhuru.sel4.cpu.simd.RandomInstructionGroups.reg;
import static io.huruhuru.sel4.cpu.simd.RandomInstructionGroups.v;

import java.util.Random;

/** Two-register miscellaneous integer, across-lanes reductions, narrowing and pairwise-long forms. */
final class VectorIntegerMiscGroup implements RandomInstructionGroups.Group {
    public String next(Random r) {
        return switch (r.nextInt(6)) {
            case 0 -> {
                String a = pick(r, "8b", "16b");
                yield String.format("%s %s, %s", pick(r, "cnt", "not", "rbit", "rev16", "rev32", "rev64"),
                        v(r, a), v(r, a));
            }
            case 1 -> {
                String a = pick(r, INT_ARRANGEMENTS);
                String op = a.equals("2d") ? pick(r, "cmeq", "cmge", "cmgt", "cmle", "cmlt", "abs", "neg")
                        : pick(r, "cmeq", "cmge", "cmgt", "cmle", "cmlt", "abs", "neg", "cls", "clz", "sqabs",
                        "sqneg", "suqadd", "usqadd");
                if (r.nextInt(6) == 0) {
                    String t = pick(r, "b", "h", "s", "d");
                    yield String.format("%s %s%d, %s%d", pick(r, "sqabs", "sqneg", "suqadd", "usqadd"), t, reg(r), t,
                            reg(r));
                }
                String zero = op.startsWith("cm") ? ", #0" : "";
                yield String.format("%s %s, %s%s", op, v(r, a), v(r, a), zero);
            }
            case 2 -> {
                String[] narrow = {"8b", "4h", "2s"};
                String[] wide = {"8h", "4s", "2d"};
                int i = r.nextInt(3);
                boolean upper = r.nextBoolean();
                String n = upper ? new String[] {"16b", "8h", "4s"}[i] : narrow[i];
                yield String.format("%s%s %s, %s", pick(r, "xtn", "sqxtn", "uqxtn", "sqxtun"), upper ? "2" : "",
                        v(r, n), v(r, wide[i]));
            }
            case 3 -> {
                String[][] pairs = {{"8b", "4h"}, {"16b", "8h"}, {"4h", "2s"}, {"8h", "4s"}, {"2s", "1d"},
                    {"4s", "2d"}};
                String[] p = pairs[r.nextInt(pairs.length)];
                yield String.format("%s %s, %s", pick(r, "uaddlp", "saddlp", "uadalp", "sadalp"), v(r, p[1]),
                        v(r, p[0]));
            }
            case 4 -> {
                String a = pick(r, "8b", "16b", "4h", "8h", "4s");
                String t = switch (a) {
                    case "8b", "16b" -> "b";
                    case "4h", "8h" -> "h";
                    default -> "s";
                };
                String op = pick(r, "addv", "umaxv", "uminv", "smaxv", "sminv", "uaddlv", "saddlv");
                String dest = op.endsWith("lv") ? (t.equals("b") ? "h" : t.equals("h") ? "s" : "d") : t;
                yield String.format("%s %s%d, %s", op, dest, reg(r), v(r, a));
            }
            default -> {
                String[][] pairs = {{"8b", "8h"}, {"4h", "4s"}, {"2s", "2d"}};
                String[] p = pairs[r.nextInt(3)];
                yield String.format("shll %s, %s, #%d", v(r, p[1]), v(r, p[0]),
                        p[0].equals("8b") ? 8 : p[0].equals("4h") ? 16 : 32);
            }
        };
    }
}
