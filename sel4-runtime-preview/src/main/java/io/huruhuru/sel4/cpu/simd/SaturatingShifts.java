package io.huruhuru.sel4.cpu.simd;

import io.huruhuru.sel4.cpu.Cpu;
import io.huruhuru.sel4.cpu.Instruction;
import java.math.BigInteger;

/**
 * Rounding and saturating shifts: SRSHL/URSHL, SQSHL/UQSHL/SQRSHL/UQRSHL by register, SQSHL/UQSHL/SQSHLU by
 * immediate, and the saturating narrowing shifts SQSHRN/UQSHRN/SQSHRUN and their rounding forms. Values are
 * shifted exactly (the Arm ARM computes on unbounded integers) and then saturated, setting FPSR.QC.
 */
final class SaturatingShifts {
    private SaturatingShifts() { }

    private static BigInteger value(long element, int bits, boolean unsigned) {
        if (unsigned) {
            return bits == 64 ? new BigInteger(Long.toUnsignedString(element)) : BigInteger.valueOf(element);
        }
        return BigInteger.valueOf(Lanes.signExtend(element, bits));
    }

    /** The element shifted left by {@code shift} (right when negative), rounding to nearest when asked. */
    private static BigInteger shift(BigInteger v, int shift, boolean rounding) {
        if (shift >= 0) {
            return v.shiftLeft(shift);
        }
        if (rounding) {
            v = v.add(BigInteger.ONE.shiftLeft(-shift - 1));
        }
        return v.shiftRight(-shift);
    }

    /** SatQ: the value clamped to the range of {@code bits}-bit integers, signalling QC when it had to be. */
    static long saturate(Cpu cpu, BigInteger v, int bits, boolean unsigned) {
        BigInteger max = unsigned ? BigInteger.ONE.shiftLeft(bits).subtract(BigInteger.ONE)
                : BigInteger.ONE.shiftLeft(bits - 1).subtract(BigInteger.ONE);
        BigInteger min = unsigned ? BigInteger.ZERO : BigInteger.ONE.shiftLeft(bits - 1).negate();
        if (v.compareTo(max) > 0) {
            cpu.fpsr |= FpStatus.QC;
            return max.longValue();
        }
        if (v.compareTo(min) < 0) {
            cpu.fpsr |= FpStatus.QC;
            return min.longValue();
        }
        return v.longValue();
    }

    /** Three-same opcodes 01001 (SQSHL/UQSHL), 01010 (SRSHL/URSHL), 01011 (SQRSHL/UQRSHL). */
    static ElementWise.Binary byRegister(boolean unsigned, int opcode, int bits) {
        boolean rounding = (opcode & 2) != 0;
        boolean saturating = (opcode & 1) != 0;
        return (cpu, a, b) -> {
            BigInteger r = shift(value(a, bits, unsigned), (byte) b, rounding);
            return saturating ? saturate(cpu, r, bits, unsigned) : r.longValue();
        };
    }

    /** SQSHL/UQSHL (immediate, opcode 01110) and SQSHLU (U = 1, opcode 01100). */
    static Instruction leftByImmediate(int d, int n, int bits, int count, boolean whole, int left, boolean u,
                                       boolean signedToUnsigned) {
        boolean unsignedSource = u && !signedToUnsigned;
        boolean unsignedResult = u;
        return ElementWise.unary(d, n, bits, count, whole,
                (cpu, a) -> saturate(cpu, value(a, bits, unsignedSource).shiftLeft(left), bits, unsignedResult));
    }

    /**
     * SQSHRN/SQRSHRN (U = 0, opcodes 10010/10011), UQSHRN/UQRSHRN (U = 1, 10010/10011), SQSHRUN/SQRSHRUN (U = 1,
     * 10000/10001): {@code bits} is the narrow width, the source elements twice that.
     */
    static ElementWise.Unary narrowing(boolean u, int opcode, int bits, int right) {
        boolean rounding = (opcode & 1) != 0;
        boolean signedToUnsigned = u && (opcode & 2) == 0;
        boolean unsignedSource = u && !signedToUnsigned;
        boolean unsignedResult = u;
        return (cpu, a) -> saturate(cpu, shift(value(a, 2 * bits, unsignedSource), -right, rounding), bits,
                unsignedResult);
    }

    /** A scalar narrowing shift: one element, the rest of the register zeroed. */
    static Instruction scalarNarrowing(int d, int n, int bits, ElementWise.Unary op) {
        long mask = Lanes.mask(bits);
        return cpu -> Lanes.writeScalar(cpu, d, op.apply(cpu, Lanes.get(cpu, n, 0, 2 * bits)) & mask);
    }
}
