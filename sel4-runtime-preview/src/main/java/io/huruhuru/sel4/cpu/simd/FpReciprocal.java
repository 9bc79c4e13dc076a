package io.huruhuru.sel4.cpu.simd;

import io.huruhuru.sel4.cpu.Cpu;

/**
 * The reciprocal instructions of the Arm ARM shared pseudocode: FPRecipEstimate, FPRSqrtEstimate (8-bit
 * estimates, without FEAT_RPRES), FPRecipStepFused, FPRSqrtStepFused, FPMulX and FPRecpX.
 */
final class FpReciprocal {
    private FpReciprocal() { }

    /** RecipEstimate: the 9-bit reciprocal estimate of a in [256, 512). */
    static int recipEstimate(int a) {
        a = a * 2 + 1;
        int b = (1 << 19) / a;
        return (b + 1) / 2;
    }

    /** RecipSqrtEstimate: the 9-bit reciprocal square root estimate of a in [128, 512). */
    static int recipSqrtEstimate(int a) {
        if (a < 256) {
            a = a * 2 + 1;
        } else {
            a = (a >> 1) << 1;
            a = (a + 1) * 2;
        }
        long b = 512;
        while ((long) a * (b + 1) * (b + 1) < (1L << 28)) {
            b++;
        }
        return (int) ((b + 1) / 2);
    }

    /** The fraction widened to 52 bits, as the estimates read it. */
    private static long fraction52(FpFormat f, long a) {
        return (a & f.fractionMask) << (52 - f.fractionBits);
    }

    static long recipEstimate(FpFormat f, long a, Cpu cpu) {
        if (f.isNaN(a)) {
            return FpArithmetic.processNaN(f, a, cpu);
        }
        a = FpArithmetic.flush(f, a, cpu);
        boolean negative = f.negative(a);
        if (f.isInfinity(a)) {
            return f.zero(negative);
        }
        if (f.isZero(a)) {
            cpu.fpsr |= FpStatus.DZC;
            return f.infinity(negative);
        }
        int exp = f.biasedExponent(a);
        long fraction = fraction52(f, a);
        // |value| < 2^-(bias+1): the reciprocal overflows (the ARM tests 2^-128 and 2^-1024).
        if (exp == 0 && (fraction & (3L << 50)) == 0) {
            cpu.fpsr |= FpStatus.OFC | FpStatus.IXC;
            Rounding r = FpStatus.rounding(cpu.fpcr);
            return r.overflowsToInfinity(negative) ? f.infinity(negative) : f.maxNormal(negative);
        }
        if (FpStatus.flushToZero(cpu.fpcr, f) && exp >= 2 * f.bias - 1) {
            cpu.fpsr |= FpStatus.UFC;
            return f.zero(negative);
        }
        if (exp == 0) {
            if ((fraction & (1L << 51)) == 0) {
                exp = -1;
                fraction = (fraction << 2) & ((1L << 52) - 1);
            } else {
                fraction = (fraction << 1) & ((1L << 52) - 1);
            }
        }
        int scaled = (int) (256 | (fraction >>> 44));
        int resultExp = 2 * f.bias - 1 - exp;
        long estimate = recipEstimate(scaled) & 0xFF;
        long resultFraction = estimate << 44;
        if (resultExp == 0) {
            resultFraction = (1L << 51) | (resultFraction >>> 1);
        } else if (resultExp == -1) {
            resultFraction = (1L << 50) | (resultFraction >>> 2);
            resultExp = 0;
        }
        return (negative ? f.signBit : 0) | ((long) resultExp << f.fractionBits)
                | (resultFraction >>> (52 - f.fractionBits));
    }

    static long recipSqrtEstimate(FpFormat f, long a, Cpu cpu) {
        if (f.isNaN(a)) {
            return FpArithmetic.processNaN(f, a, cpu);
        }
        a = FpArithmetic.flush(f, a, cpu);
        boolean negative = f.negative(a);
        if (f.isZero(a)) {
            cpu.fpsr |= FpStatus.DZC;
            return f.infinity(negative);
        }
        if (negative) {
            cpu.fpsr |= FpStatus.IOC;
            return f.defaultNaN();
        }
        if (f.isInfinity(a)) {
            return f.zero(false);
        }
        int exp = f.biasedExponent(a);
        long fraction = fraction52(f, a);
        if (exp == 0) {
            while ((fraction & (1L << 51)) == 0) {
                fraction = (fraction << 1) & ((1L << 52) - 1);
                exp--;
            }
            fraction = (fraction << 1) & ((1L << 52) - 1);
        }
        int scaled = (exp & 1) == 0 ? (int) (256 | (fraction >>> 44)) : (int) (128 | (fraction >>> 45));
        int resultExp = Math.floorDiv(3 * f.bias - 1 - exp, 2);
        long estimate = recipSqrtEstimate(scaled) & 0xFF;
        return ((long) resultExp << f.fractionBits) | (estimate << (f.fractionBits - 8));
    }

    private static long two(FpFormat f, boolean negative) {
        return (negative ? f.signBit : 0) | ((long) (f.bias + 1) << f.fractionBits);
    }

    private static long onePointFive(FpFormat f) {
        return ((long) f.bias << f.fractionBits) | f.quietBit;
    }

    /** FRECPS: 2 - a × b, fused; ∞ × 0 gives 2 without IOC. */
    static long recipStep(FpFormat f, long a, long b, Cpu cpu) {
        return step(f, a ^ f.signBit, b, false, cpu);
    }

    /** FRSQRTS: (3 - a × b) / 2, fused and rounded once; ∞ × 0 gives 1.5 without IOC. */
    static long recipSqrtStep(FpFormat f, long a, long b, Cpu cpu) {
        return step(f, a ^ f.signBit, b, true, cpu);
    }

    private static long step(FpFormat f, long a, long b, boolean sqrt, Cpu cpu) {
        a = FpArithmetic.flush(f, a, cpu);
        b = FpArithmetic.flush(f, b, cpu);
        if (f.isNaN(a) || f.isNaN(b)) {
            return FpArithmetic.processNaNs(f, a, b, cpu);
        }
        long fa = FpArithmetic.flush(f, a, cpu);
        long fb = FpArithmetic.flush(f, b, cpu);
        if (f.isInfinity(fa) && f.isZero(fb) || f.isZero(fa) && f.isInfinity(fb)) {
            return sqrt ? onePointFive(f) : two(f, false);
        }
        if (f.isInfinity(fa) || f.isInfinity(fb)) {
            return f.infinity(f.negative(fa) != f.negative(fb));
        }
        long addend = sqrt ? ((long) (f.bias + 1) << f.fractionBits) | f.quietBit : two(f, false);
        return FpArithmetic.fusedMultiplyAdd(f, addend, fa, fb, sqrt ? -1 : 0, cpu);
    }

    /** FMULX: FPMul, except that ∞ × 0 is ±2 without IOC. */
    static long multiplyExtended(FpFormat f, long a, long b, Cpu cpu) {
        a = FpArithmetic.flush(f, a, cpu);
        b = FpArithmetic.flush(f, b, cpu);
        if (f.isNaN(a) || f.isNaN(b)) {
            return FpArithmetic.processNaNs(f, a, b, cpu);
        }
        long fa = FpArithmetic.flush(f, a, cpu);
        long fb = FpArithmetic.flush(f, b, cpu);
        if (f.isInfinity(fa) && f.isZero(fb) || f.isZero(fa) && f.isInfinity(fb)) {
            return two(f, f.negative(fa) != f.negative(fb));
        }
        return FpArithmetic.multiply(f, fa, fb, cpu);
    }

    /** FRECPX: the exponent inverted, fraction cleared; a zero or denormal gives the largest exponent below ∞. */
    static long reciprocalExponent(FpFormat f, long a, Cpu cpu) {
        if (f.isNaN(a)) {
            return FpArithmetic.processNaN(f, a, cpu);
        }
        a = FpArithmetic.flush(f, a, cpu);
        long sign = a & f.signBit;
        int exp = f.biasedExponent(a);
        long resultExp = exp == 0 ? f.maxBiasedExponent - 1 : ~exp & f.maxBiasedExponent;
        return sign | (resultExp << f.fractionBits);
    }
}
