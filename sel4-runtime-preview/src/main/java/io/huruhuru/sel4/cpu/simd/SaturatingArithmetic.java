package io.huruhuru.sel4.cpu.simd;

import java.math.BigInteger;

/** SQDMULH/SQRDMULH, SQABS/SQNEG and SUQADD/USQADD: computed exactly, then saturated with FPSR.QC. */
final class SaturatingArithmetic {
    private SaturatingArithmetic() { }

    /** SQDMULH (rounding false) and SQRDMULH: the high half of 2 × a × b, for 16- and 32-bit elements. */
    static ElementWise.Binary doublingMultiplyHigh(int bits, boolean rounding) {
        return (cpu, a, b) -> {
            long product = 2 * Lanes.signExtend(a, bits) * Lanes.signExtend(b, bits);
            BigInteger v = BigInteger.valueOf(product);
            if (rounding) {
                v = v.add(BigInteger.ONE.shiftLeft(bits - 1));
            }
            return SaturatingShifts.saturate(cpu, v.shiftRight(bits), bits, false);
        };
    }

    /** SQABS (negate false) and SQNEG. */
    static ElementWise.Unary absoluteOrNegate(int bits, boolean negate) {
        return (cpu, a) -> {
            BigInteger v = BigInteger.valueOf(Lanes.signExtend(a, bits));
            return SaturatingShifts.saturate(cpu, negate ? v.negate() : v.abs(), bits, false);
        };
    }

    /** SUQADD (unsigned false: signed Vd plus unsigned Vn) and USQADD (unsigned Vd plus signed Vn). */
    static ElementWise.Ternary accumulate(int bits, boolean unsigned) {
        return (cpu, old, a, b) -> {
            BigInteger acc = unsigned ? unsignedValue(old, bits) : BigInteger.valueOf(Lanes.signExtend(old, bits));
            BigInteger add = unsigned ? BigInteger.valueOf(Lanes.signExtend(a, bits)) : unsignedValue(a, bits);
            return SaturatingShifts.saturate(cpu, acc.add(add), bits, unsigned);
        };
    }

    private static BigInteger unsignedValue(long v, int bits) {
        return bits == 64 ? new BigInteger(Long.toUnsignedString(v)) : BigInteger.valueOf(v & Lanes.mask(bits));
    }
}
