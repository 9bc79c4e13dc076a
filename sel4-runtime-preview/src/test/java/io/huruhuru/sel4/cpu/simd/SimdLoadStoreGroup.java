package io.huruhuru.sel4.cpu.simd;

import static io.huruhuru.sel4.cpu.simd.RandomInstructionGroups.INT_ARRANGEMENTS;
import static io.huruhuru.sel4.cpu.simd.RandomInstructionGroups.pick;
import static io.huruhuru.sel4.cpu.simd.RandomInstructionGroups.reg;

import java.util.Random;

/**
 * SIMD&FP loads and stores through x26, which points into the middle of a 1 KiB scratch area: single, pair,
 * LD1-LD4/ST1-ST4, lanes, LD1R, with offsets either way and the pre/post-index writeback forms.
 */
final class SimdLoadStoreGroup implements RandomInstructionGroups.Group {
    private static final String[] TYPES = {"b", "h", "s", "d", "q"};

    public String next(Random r) {
        int size = r.nextInt(5);
        int bytes = 1 << size;
        String t = TYPES[size];
        switch (r.nextInt(9)) {
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
            case 7: {
                int index = r.nextInt(16) - 8;
                String extend = switch (r.nextInt(3)) {
                    case 0 -> "x24" + (r.nextBoolean() ? ", lsl #" + size : "");
                    case 1 -> "w24, sxtw" + (r.nextBoolean() ? " #" + size : "");
                    default -> "x24, sxtx" + (r.nextBoolean() ? " #" + size : "");
                };
                return String.format("mov x24, #%d\n%s %s%d, [x26, %s]", index, pick(r, "ldr", "str"), t, reg(r),
                        extend);
            }
            case 8: {
                int count = 1 + r.nextInt(4);
                int first = r.nextInt(33 - count);
                StringBuilder list = new StringBuilder();
                for (int i = 0; i < count; i++) {
                    list.append(i == 0 ? "" : ", ").append("v").append(first + i).append(".4s");
                }
                return String.format("mov x24, #%d\n%s {%s}, [x26], x24", r.nextInt(65) - 32,
                        pick(r, "ld1", "st1", "ld" + count, "st" + count), list);
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
