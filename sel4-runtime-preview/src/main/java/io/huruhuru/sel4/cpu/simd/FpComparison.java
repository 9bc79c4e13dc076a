package io.huruhuru.sel4.cpu.simd;

import io.huruhuru.sel4.cpu.Cpu;

/** FPCompare, FPMax/FPMin and FPMaxNum/FPMinNum of the Arm ARM shared pseudocode. */
final class FpComparison {
    /** NZCV (bits 31..28) of an unordered, equal, less-than and greater-than comparison. */
    static final int UNORDERED = 0b0011 << 28;
    static final int EQUAL = 0b0110 << 28;
    static final int LESS = 0b1000 << 28;
    static final int GREATER = 0b0010 << 28;

    private FpComparison() { }

    /** The NZCV of FCMP ({@code signalAllNaNs} false) or FCMPE (true). */
    static int compare(FpFormat f, long a, long b, boolean signalAllNaNs, Cpu cpu) {
        a = FpArithmetic.flush(f, a, cpu);
        b = FpArithmetic.flush(f, b, cpu);
        if (f.isNaN(a) || f.isNaN(b)) {
            if (signalAllNaNs || f.isSignallingNaN(a) || f.isSignallingNaN(b)) {
                cpu.fpsr |= FpStatus.IOC;
            }
            return UNORDERED;
        }
        double x = f.toDouble(a);
        double y = f.toDouble(b);
        return x == y ? EQUAL : x < y ? LESS : GREATER;
    }

    /** FPCompareEQ: IOC only for a signalling NaN. */
    static boolean compareEqual(FpFormat f, long a, long b, Cpu cpu) {
        return compare(f, a, b, false, cpu) == EQUAL;
    }

    /** FPCompareGE: IOC for any NaN. */
    static boolean compareGreaterOrEqual(FpFormat f, long a, long b, Cpu cpu) {
        int r = compare(f, a, b, true, cpu);
        return r == EQUAL || r == GREATER;
    }

    /** FPCompareGT: IOC for any NaN. */
    static boolean compareGreater(FpFormat f, long a, long b, Cpu cpu) {
        return compare(f, a, b, true, cpu) == GREATER;
    }

    static long max(FpFormat f, long a, long b, Cpu cpu) {
        return extreme(f, a, b, true, cpu);
    }

    static long min(FpFormat f, long a, long b, Cpu cpu) {
        return extreme(f, a, b, false, cpu);
    }

    /** FPMaxNum/FPMinNum: a quiet NaN against a number loses (IEEE 754-2008 maxNum/minNum). */
    static long maxNumber(FpFormat f, long a, long b, Cpu cpu) {
        return extremeNumber(f, a, b, true, cpu);
    }

    static long minNumber(FpFormat f, long a, long b, Cpu cpu) {
        return extremeNumber(f, a, b, false, cpu);
    }

    private static long extremeNumber(FpFormat f, long a, long b, boolean max, Cpu cpu) {
        boolean quietA = f.isNaN(a) && !f.isSignallingNaN(a);
        boolean quietB = f.isNaN(b) && !f.isSignallingNaN(b);
        if (quietA && !quietB) {
            a = f.infinity(max);
        } else if (quietB && !quietA) {
            b = f.infinity(max);
        }
        return extreme(f, a, b, max, cpu);
    }

    private static long extreme(FpFormat f, long a, long b, boolean max, Cpu cpu) {
        a = FpArithmetic.flush(f, a, cpu);
        b = FpArithmetic.flush(f, b, cpu);
        if (f.isNaN(a) || f.isNaN(b)) {
            return FpArithmetic.processNaNs(f, a, b, cpu);
        }
        a = FpArithmetic.flush(f, a, cpu);
        b = FpArithmetic.flush(f, b, cpu);
        if (f.isZero(a) && f.isZero(b)) {
            boolean negative = max ? f.negative(a) && f.negative(b) : f.negative(a) || f.negative(b);
            return f.zero(negative);
        }
        double x = f.toDouble(a);
        double y = f.toDouble(b);
        return (max ? x > y : x < y) ? a : b;
    }
}
