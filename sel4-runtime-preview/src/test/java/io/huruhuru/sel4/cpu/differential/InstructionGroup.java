package io.huruhuru.sel4.cpu.differential;

import java.util.List;
import java.util.Random;

/**
 * One family of instructions the random-instruction test draws from. An implementation appends one or a few lines of
 * GNU assembly that only write {@link #DESTINATIONS}, keep memory accesses inside the scratch area around {@link #BASE},
 * and never branch out of the block. FP/SIMD groups plug in the same way.
 */
public interface InstructionGroup {
    /** x28 holds the middle of the scratch area and is never written; x27 is reset from it before writeback forms. */
    String BASE = "x28";
    String WRITEBACK_BASE = "x27";
    /** Registers generated instructions may write. */
    int[] DESTINATIONS = {0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16, 17, 18, 19, 20, 21, 22, 23, 24, 25,
        26, 29, 30};

    void emit(Random random, List<String> lines);

    static String x(int n) {
        return n == 31 ? "xzr" : "x" + n;
    }

    static String w(int n) {
        return n == 31 ? "wzr" : "w" + n;
    }

    static int destination(Random random) {
        return DESTINATIONS[random.nextInt(DESTINATIONS.length)];
    }

    /** Any register as a source, including the zero register and the bases. */
    static int source(Random random) {
        return random.nextInt(32);
    }

    /** A register name of the chosen width. */
    static String reg(boolean wide, int n) {
        return wide ? x(n) : w(n);
    }
}
