package io.huruhuru.sel4.cpu.simd;

import java.util.List;
import java.util.Random;

/** The random FP/SIMD instruction groups (one class each, in assembly syntax, which the assembler checks). */
public final class RandomInstructionGroups {
    private RandomInstructionGroups() { }

    /** One group: draws an instruction of it. Registers x26..x30 and sp are never named (the harness owns them). */
    public interface Group {
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

    public static final List<Group> ALL = List.of(new ByElementGroup(), new FpArithmeticGroup(), new FpOneSourceGroup(),
            new FpCompareGroup(), new FpIntegerConversionGroup(), new VectorIntegerThreeSameGroup(),
            new VectorIntegerMiscGroup(), new VectorPermuteAndCopyGroup(), new VectorShiftsAndWideningGroup(),
            new VectorFloatingPointGroup(), new SimdLoadStoreGroup());
}
