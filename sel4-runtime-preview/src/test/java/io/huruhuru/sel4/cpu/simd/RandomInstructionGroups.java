package io.huruhuru.sel4.cpu.simd;

import java.util.List;
import java.util.Random;

/** Random FP/SIMD instructions in assembly syntax, one class per instruction group; the assembler checks them. */
final class RandomInstructionGroups {
    private RandomInstructionGroups() { }

    /** One group: draws an instruction of it. Registers x26..x30 and sp are never named (the harness owns them). */
    interface Group {
        String next(Random r);
    }

    static final String[] INT_ARRANGEMENTS = {"8b", "16b", "4h", "8h", "2s", "4s", "2d"};
    static final String[] FP_ARRANGEMENTS = {"2s", "4s", "2d"};

    static String pick(Random r, String... options) {
        return options[r.nextInt(options.length)];
    }

    static int reg(Random r) {
        return r.nextInt(32);
    }

    static String x(Random r) {
        return (r.nextBoolean() ? "x" : "w") + r.nextInt(26);
    }

    static String fp(Random r, boolean half) {
        return pick(r, half ? new String[] {"s", "d", "h"} : new String[] {"s", "d"});
    }

    static String v(Random r, String arrangement) {
        return "v" + reg(r) + "." + arrangement;
    }

    /** FADD, FSUB, FMUL, FDIV, FMAX(NM), FMIN(NM), FNMUL and the fused FMADD family, scalar. */
    static final class FpArithmetic implements Group {
        public String next(Random r) {
            String t = fp(r, true);
            if (r.nextInt(4) == 0) {
                return String.format("%s %s%d, %s%d, %s%d, %s%d", pick(r, "fmadd", "fmsub", "fnmadd", "fnmsub"),
                        t, reg(r), t, reg(r), t, reg(r), t, reg(r));
            }
            return String.format("%s %s%d, %s%d, %s%d", pick(r, "fadd", "fsub", "fmul", "fdiv", "fmax", "fmin",
                    "fmaxnm", "fminnm", "fnmul"), t, reg(r), t, reg(r), t, reg(r));
        }
    }

    /** FABS, FNEG, FSQRT, FMOV, FRINT*, FCVT between precisions, FMOV immediate. */
    static final class FpOneSource implements Group {
        public String next(Random r) {
            String t = fp(r, true);
            int choice = r.nextInt(4);
            if (choice == 0) {
                String to = fp(r, true);
                while (to.equals(t)) {
                    to = fp(r, true);
                }
                return String.format("fcvt %s%d, %s%d", to, reg(r), t, reg(r));
            }
            if (choice == 1) {
                return String.format("fmov %s%d, #%s", fp(r, true), reg(r), pick(r, "1.0", "-2.5", "0.125",
                        "31.0", "-0.1875", "1.9375"));
            }
            return String.format("%s %s%d, %s%d", pick(r, "fabs", "fneg", "fsqrt", "fmov", "frintn", "frintp",
                    "frintm", "frintz", "frinta", "frintx", "frinti"), t, reg(r), t, reg(r));
        }
    }

    /** FCMP, FCMPE (registers and #0.0), FCCMP, FCCMPE, FCSEL. */
    static final class FpCompare implements Group {
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

    /** SCVTF/UCVTF (integer and fixed-point), FCVT[NPMZA][SU] (and fixed-point FCVTZ*), FMOV to/from general. */
    static final class FpIntegerConversion implements Group {
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

    /** Three-same integer and logic: ADD, SUB, CM*, MAX/MIN, pairwise, saturating, halving, shifts, MUL, BSL... */
    static final class VectorIntegerThreeSame implements Group {
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
            return String.format("%s %s, %s, %s", op, v(r, a), v(r, a), v(r, a));
        }
    }

    /** Two-register miscellaneous integer, across-lanes reductions, narrowing and pairwise-long forms. */
    static final class VectorIntegerMisc implements Group {
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
                            : pick(r, "cmeq", "cmge", "cmgt", "cmle", "cmlt", "abs", "neg", "cls", "clz");
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

    /** DUP, INS, UMOV, SMOV, MOVI/MVNI/ORR/BIC immediate, FMOV vector immediate, EXT, TBL, TBX, ZIP/UZP/TRN. */
    static final class VectorPermuteAndCopy implements Group {
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

    /** Shifts by immediate (vector and scalar D), the long and narrow shifts, and the three-different group. */
    static final class VectorShiftsAndWidening implements Group {
        public String next(Random r) {
            String[] arr = {"8b", "16b", "4h", "8h", "2s", "4s", "2d"};
            int[] bitsOf = {8, 8, 16, 16, 32, 32, 64};
            int i = r.nextInt(arr.length);
            String a = arr[i];
            int bits = bitsOf[i];
            switch (r.nextInt(5)) {
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

    /** Vector floating point: arithmetic, pairwise, fused, compares, conversions, rounding, FCVTN/FCVTL, scalar FP pairwise. */
    static final class VectorFloatingPoint implements Group {
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
                        String.format("%s %s%d, %s%d, %s%d", pick(r, "fabd", "fcmeq", "fcmge", "fcmgt", "facgt"), e,
                                reg(r), e, reg(r), e, reg(r)));
            };
        }
    }

    /**
     * SIMD&FP loads and stores through x26, which points into the middle of a 1 KiB scratch area: single, pair,
     * LD1-LD4/ST1-ST4, lanes, LD1R, with offsets either way and the pre/post-index writeback forms.
     */
    static final class SimdLoadStore implements Group {
        private static final String[] TYPES = {"b", "h", "s", "d", "q"};

        public String next(Random r) {
            int size = r.nextInt(5);
            int bytes = 1 << size;
            String t = TYPES[size];
            switch (r.nextInt(7)) {
                case 0:
                    return String.format("%s %s%d, [x26, #%d]", pick(r, "ldr", "str"), t, reg(r),
                            bytes * r.nextInt(128 / bytes));
                case 1:
                    return String.format("%s %s%d, [x26, #%d]", pick(r, "ldur", "stur"), t, reg(r),
                            r.nextInt(256) - 128);
                case 2: {
                    int s = 2 + r.nextInt(3);
                    int b = 1 << s;
                    return String.format("%s %s%d, %s%d, [x26, #%d]", pick(r, "ldp", "stp", "ldnp", "stnp"), TYPES[s],
                            reg(r), TYPES[s], reg(r), b * (r.nextInt(128 / b) - 64 / b));
                }
                case 3: {
                    int s = 2 + r.nextInt(3);
                    int b = 1 << s;
                    int step = b * (r.nextInt(32 / b + 1) - 16 / b);
                    return r.nextBoolean()
                            ? String.format("%s %s%d, %s%d, [x26], #%d", pick(r, "ldp", "stp"), TYPES[s], reg(r),
                                    TYPES[s], reg(r), step)
                            : String.format("%s %s%d, %s%d, [x26, #%d]!", pick(r, "ldp", "stp"), TYPES[s], reg(r),
                                    TYPES[s], reg(r), step);
                }
                case 4: {
                    int step = r.nextInt(64) - 32;
                    return r.nextBoolean()
                            ? String.format("%s %s%d, [x26], #%d", pick(r, "ldr", "str"), t, reg(r), step)
                            : String.format("%s %s%d, [x26, #%d]!", pick(r, "ldr", "str"), t, reg(r), step);
                }
                case 5: {
                    int count = 1 + r.nextInt(4);
                    String op = pick(r, "ld", "st") + (r.nextBoolean() ? "1" : Integer.toString(count));
                    String a = pick(r, INT_ARRANGEMENTS);
                    if (a.equals("2d") || a.equals("1d")) {
                        a = op.endsWith("1") ? pick(r, "1d", "2d") : "2d";
                    }
                    int first = r.nextInt(33 - count);
                    StringBuilder list = new StringBuilder();
                    for (int i = 0; i < count; i++) {
                        list.append(i == 0 ? "" : ", ").append("v").append(first + i).append('.').append(a);
                    }
                    int total = count * (a.equals("8b") || a.equals("4h") || a.equals("2s") || a.equals("1d") ? 8 : 16);
                    return String.format("%s {%s}, [x26]%s", op, list, r.nextInt(3) == 0 ? ", #" + total : "");
                }
                default: {
                    int count = 1 + r.nextInt(4);
                    int s = r.nextInt(4);
                    String e = TYPES[s];
                    int first = r.nextInt(33 - count);
                    StringBuilder list = new StringBuilder();
                    String post = r.nextInt(3) == 0 ? ", #" + count * (1 << s) : "";
                    if (r.nextBoolean()) {
                        String[] arr = {"16b", "8h", "4s", "2d"};
                        String[] half = {"8b", "4h", "2s", "1d"};
                        String a = r.nextBoolean() ? arr[s] : half[s];
                        for (int i = 0; i < count; i++) {
                            list.append(i == 0 ? "" : ", ").append("v").append(first + i).append('.').append(a);
                        }
                        return String.format("ld%dr {%s}, [x26]%s", count, list, post);
                    }
                    for (int i = 0; i < count; i++) {
                        list.append(i == 0 ? "" : ", ").append("v").append(first + i).append('.').append(e);
                    }
                    return String.format("%s%d {%s}[%d], [x26]%s", pick(r, "ld", "st"), count, list,
                            r.nextInt(16 >> s), post);
                }
            }
        }
    }

    /** Multiplies by one element: MUL/MLA/MLS, SMULL/UMULL/…MLAL/…MLSL, FMUL/FMLA/FMLS, vector and scalar. */
    static final class ByElement implements Group {
        public String next(Random r) {
            switch (r.nextInt(4)) {
                case 0: {
                    boolean h = r.nextBoolean();
                    String a = h ? pick(r, "4h", "8h") : pick(r, "2s", "4s");
                    String element = h ? "v" + r.nextInt(16) + ".h[" + r.nextInt(8) + "]"
                            : "v" + reg(r) + ".s[" + r.nextInt(4) + "]";
                    return String.format("%s %s, %s, %s", pick(r, "mul", "mla", "mls"), v(r, a), v(r, a), element);
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

    static final List<Group> ALL = List.of(new ByElement(), new FpArithmetic(), new FpOneSource(), new FpCompare(),
            new FpIntegerConversion(), new VectorIntegerThreeSame(), new VectorIntegerMisc(),
            new VectorPermuteAndCopy(), new VectorShiftsAndWidening(), new VectorFloatingPoint(),
            new SimdLoadStore());
}
