package io.huruhuru.sel4.cpu.simd;

import io.huruhuru.sel4.cpu.Cpu;
import java.math.BigInteger;

/**
 * The A64 floating-point operations on raw bits, after the Arm ARM's shared pseudocode (FPAdd, FPMul, FPDiv,
 * FPSqrt, FPMulAdd, FPMax/FPMin and the Num variants, FPCompare, FPProcessNaNs): NaN propagation and the default
 * NaN, FPCR.FZ and RMode, and the FPSR cumulative flags. Round to nearest without flushing uses Java's IEEE
 * arithmetic with error-free transformations to detect inexactness; everything else is computed exactly.
 */
final class FpArithmetic {
    private FpArithmetic() { }

    // ---- NaNs (Arm ARM FPProcessNaN, FPProcessNaNs, FPProcessNaNs3) ----

    static long processNaN(FpFormat f, long a, Cpu cpu) {
        if (f.isSignallingNaN(a)) {
            cpu.fpsr |= FpStatus.IOC;
            a |= f.quietBit;
        }
        return FpStatus.defaultNaN(cpu.fpcr) ? f.defaultNaN() : a;
    }

    static long processNaNs(FpFormat f, long a, long b, Cpu cpu) {
        if (f.isSignallingNaN(a)) {
            return processNaN(f, a, cpu);
        }
        if (f.isSignallingNaN(b)) {
            return processNaN(f, b, cpu);
        }
        return processNaN(f, f.isNaN(a) ? a : b, cpu);
    }

    private static long invalid(FpFormat f, Cpu cpu) {
        cpu.fpsr |= FpStatus.IOC;
        return f.defaultNaN();
    }

    /** FPUnpack's flush of a denormal input to a signed zero under FPCR.FZ, signalling IDC. */
    static long flush(FpFormat f, long a, Cpu cpu) {
        if (FpStatus.flushToZero(cpu.fpcr, f) && f.isSubnormal(a)) {
            cpu.fpsr |= FpStatus.IDC;
            return a & f.signBit;
        }
        return a;
    }

    private static BigInteger significand(FpFormat f, long a) {
        return BigInteger.valueOf(f.significand(a));
    }

    private static boolean normal(double d) {
        return Math.abs(d) >= Double.MIN_NORMAL && Math.abs(d) <= Double.MAX_VALUE;
    }

    private static boolean normal(float d) {
        return Math.abs(d) >= Float.MIN_NORMAL && Math.abs(d) <= Float.MAX_VALUE;
    }

    /** Error-free detection is exact only away from the bottom of the exponent range. */
    private static boolean safelyNormal(double d) {
        return normal(d) && Math.getExponent(d) >= Double.MIN_EXPONENT + 62;
    }

    private static long inexactIf(boolean inexact, long bits, Cpu cpu) {
        if (inexact) {
            cpu.fpsr |= FpStatus.IXC;
        }
        return bits;
    }

    // ---- add, subtract ----

    static long add(FpFormat f, long a, long b, Cpu cpu) {
        // FPUnpack flushes (and signals IDC for) both operands before NaNs are looked at.
        a = flush(f, a, cpu);
        b = flush(f, b, cpu);
        if (f.isNaN(a) || f.isNaN(b)) {
            return processNaNs(f, a, b, cpu);
        }
        if (FpStatus.nearestWithoutFlush(cpu.fpcr)) {
            if (f == FpFormat.DOUBLE) {
                double x = Double.longBitsToDouble(a);
                double y = Double.longBitsToDouble(b);
                double s = x + y;
                if (normal(x) && normal(y) && normal(s)) {
                    double bb = s - x;
                    double err = (x - (s - bb)) + (y - bb);
                    return inexactIf(err != 0, Double.doubleToRawLongBits(s), cpu);
                }
            } else if (f == FpFormat.SINGLE) {
                float x = Float.intBitsToFloat((int) a);
                float y = Float.intBitsToFloat((int) b);
                float s = x + y;
                if (normal(x) && normal(y) && normal(s)) {
                    float bb = s - x;
                    float err = (x - (s - bb)) + (y - bb);
                    return inexactIf(err != 0, Float.floatToRawIntBits(s) & 0xFFFF_FFFFL, cpu);
                }
            }
        }
        a = flush(f, a, cpu);
        b = flush(f, b, cpu);
        boolean na = f.negative(a);
        boolean nb = f.negative(b);
        if (f.isInfinity(a) && f.isInfinity(b) && na != nb) {
            return invalid(f, cpu);
        }
        if (f.isInfinity(a)) {
            return a;
        }
        if (f.isInfinity(b)) {
            return b;
        }
        Rounding rounding = FpStatus.rounding(cpu.fpcr);
        if (f.isZero(a) && f.isZero(b) && na == nb) {
            return f.zero(na);
        }
        int ea = f.scale(a);
        int eb = f.scale(b);
        int e = Math.min(ea, eb);
        BigInteger ma = significand(f, a).shiftLeft(ea - e);
        BigInteger mb = significand(f, b).shiftLeft(eb - e);
        BigInteger sum = (na ? ma.negate() : ma).add(nb ? mb.negate() : mb);
        if (sum.signum() == 0) {
            return f.zero(rounding == Rounding.NEGATIVE_INFINITY);
        }
        return ExactRounding.round(f, sum.signum() < 0, sum.abs(), e, false, rounding, cpu);
    }

    static long subtract(FpFormat f, long a, long b, Cpu cpu) {
        a = flush(f, a, cpu);
        b = flush(f, b, cpu);
        if (f.isNaN(a) || f.isNaN(b)) {
            return processNaNs(f, a, b, cpu);
        }
        return add(f, a, b ^ f.signBit, cpu);
    }

    // ---- multiply, divide, square root ----

    static long multiply(FpFormat f, long a, long b, Cpu cpu) {
        // FPUnpack flushes (and signals IDC for) both operands before NaNs are looked at.
        a = flush(f, a, cpu);
        b = flush(f, b, cpu);
        if (f.isNaN(a) || f.isNaN(b)) {
            return processNaNs(f, a, b, cpu);
        }
        if (FpStatus.nearestWithoutFlush(cpu.fpcr)) {
            if (f == FpFormat.DOUBLE) {
                double x = Double.longBitsToDouble(a);
                double y = Double.longBitsToDouble(b);
                double p = x * y;
                if (normal(x) && normal(y) && safelyNormal(p)) {
                    return inexactIf(Math.fma(x, y, -p) != 0, Double.doubleToRawLongBits(p), cpu);
                }
            } else if (f == FpFormat.SINGLE) {
                float x = Float.intBitsToFloat((int) a);
                float y = Float.intBitsToFloat((int) b);
                double exact = (double) x * (double) y;
                float p = (float) exact;
                if (normal(x) && normal(y) && normal(p)) {
                    return inexactIf(p != exact, Float.floatToRawIntBits(p) & 0xFFFF_FFFFL, cpu);
                }
            }
        }
        a = flush(f, a, cpu);
        b = flush(f, b, cpu);
        boolean negative = f.negative(a) != f.negative(b);
        boolean infA = f.isInfinity(a);
        boolean infB = f.isInfinity(b);
        boolean zeroA = f.isZero(a);
        boolean zeroB = f.isZero(b);
        if (infA && zeroB || zeroA && infB) {
            return invalid(f, cpu);
        }
        if (infA || infB) {
            return f.infinity(negative);
        }
        if (zeroA || zeroB) {
            return f.zero(negative);
        }
        return ExactRounding.round(f, negative, significand(f, a).multiply(significand(f, b)),
                (long) f.scale(a) + f.scale(b), false, FpStatus.rounding(cpu.fpcr), cpu);
    }

    static long divide(FpFormat f, long a, long b, Cpu cpu) {
        // FPUnpack flushes (and signals IDC for) both operands before NaNs are looked at.
        a = flush(f, a, cpu);
        b = flush(f, b, cpu);
        if (f.isNaN(a) || f.isNaN(b)) {
            return processNaNs(f, a, b, cpu);
        }
        if (FpStatus.nearestWithoutFlush(cpu.fpcr)) {
            if (f == FpFormat.DOUBLE) {
                double x = Double.longBitsToDouble(a);
                double y = Double.longBitsToDouble(b);
                double q = x / y;
                if (safelyNormal(x) && normal(y) && normal(q)) {
                    return inexactIf(Math.fma(-q, y, x) != 0, Double.doubleToRawLongBits(q), cpu);
                }
            } else if (f == FpFormat.SINGLE) {
                float x = Float.intBitsToFloat((int) a);
                float y = Float.intBitsToFloat((int) b);
                float q = x / y;
                if (normal(x) && normal(y) && normal(q)) {
                    return inexactIf((double) q * (double) y != (double) x,
                            Float.floatToRawIntBits(q) & 0xFFFF_FFFFL, cpu);
                }
            }
        }
        a = flush(f, a, cpu);
        b = flush(f, b, cpu);
        boolean negative = f.negative(a) != f.negative(b);
        boolean infA = f.isInfinity(a);
        boolean infB = f.isInfinity(b);
        boolean zeroA = f.isZero(a);
        boolean zeroB = f.isZero(b);
        if (infA && infB || zeroA && zeroB) {
            return invalid(f, cpu);
        }
        if (infA || zeroB) {
            if (!infA) {
                cpu.fpsr |= FpStatus.DZC;
            }
            return f.infinity(negative);
        }
        if (zeroA || infB) {
            return f.zero(negative);
        }
        BigInteger ma = significand(f, a);
        BigInteger mb = significand(f, b);
        int k = Math.max(0, f.fractionBits + 5 + mb.bitLength() - ma.bitLength());
        BigInteger[] qr = ma.shiftLeft(k).divideAndRemainder(mb);
        return ExactRounding.round(f, negative, qr[0], (long) f.scale(a) - f.scale(b) - k, qr[1].signum() != 0,
                FpStatus.rounding(cpu.fpcr), cpu);
    }

    static long squareRoot(FpFormat f, long a, Cpu cpu) {
        if (f.isNaN(a)) {
            return processNaN(f, a, cpu);
        }
        if (FpStatus.nearestWithoutFlush(cpu.fpcr)) {
            if (f == FpFormat.DOUBLE) {
                double x = Double.longBitsToDouble(a);
                if (x > 0 && safelyNormal(x)) {
                    double s = Math.sqrt(x);
                    return inexactIf(Math.fma(-s, s, x) != 0, Double.doubleToRawLongBits(s), cpu);
                }
            } else if (f == FpFormat.SINGLE) {
                float x = Float.intBitsToFloat((int) a);
                if (x > 0 && normal(x)) {
                    float s = (float) Math.sqrt(x);
                    return inexactIf((double) s * (double) s != (double) x,
                            Float.floatToRawIntBits(s) & 0xFFFF_FFFFL, cpu);
                }
            }
        }
        a = flush(f, a, cpu);
        if (f.isZero(a)) {
            return a;
        }
        if (f.negative(a)) {
            return invalid(f, cpu);
        }
        if (f.isInfinity(a)) {
            return a;
        }
        int e = f.scale(a);
        int shift = 2 * (f.fractionBits + 4) + (e & 1);
        BigInteger scaled = significand(f, a).shiftLeft(shift);
        BigInteger root = scaled.sqrt();
        boolean sticky = !root.multiply(root).equals(scaled);
        return ExactRounding.round(f, false, root, (e - shift) / 2, sticky, FpStatus.rounding(cpu.fpcr), cpu);
    }

    /** FPMulAdd: {@code addend + a × b} with one rounding; callers negate operands first for FMSUB and FNM*. */
    static long fusedMultiplyAdd(FpFormat f, long addend, long a, long b, Cpu cpu) {
        return fusedMultiplyAdd(f, addend, a, b, 0, cpu);
    }

    /** As above, the exact result scaled by 2^scale before its one rounding (FRSQRTS halves it). */
    static long fusedMultiplyAdd(FpFormat f, long addend, long a, long b, int scale, Cpu cpu) {
        addend = flush(f, addend, cpu);
        a = flush(f, a, cpu);
        b = flush(f, b, cpu);
        boolean infA = f.isInfinity(a);
        boolean infB = f.isInfinity(b);
        boolean zeroA = f.isZero(a) || f.isSubnormal(a) && FpStatus.flushToZero(cpu.fpcr, f);
        boolean zeroB = f.isZero(b) || f.isSubnormal(b) && FpStatus.flushToZero(cpu.fpcr, f);
        if (f.isNaN(addend) || f.isNaN(a) || f.isNaN(b)) {
            if (!f.isSignallingNaN(addend) && f.isNaN(addend) && (infA && zeroB || zeroA && infB)) {
                return invalid(f, cpu);
            }
            for (long op : new long[] {addend, a, b}) {
                if (f.isSignallingNaN(op)) {
                    return processNaN(f, op, cpu);
                }
            }
            for (long op : new long[] {addend, a, b}) {
                if (f.isNaN(op)) {
                    return processNaN(f, op, cpu);
                }
            }
        }
        addend = flush(f, addend, cpu);
        a = flush(f, a, cpu);
        b = flush(f, b, cpu);
        boolean productNegative = f.negative(a) != f.negative(b);
        boolean infP = infA || infB;
        boolean zeroP = f.isZero(a) || f.isZero(b);
        boolean addendNegative = f.negative(addend);
        if (infA && f.isZero(b) || f.isZero(a) && infB
                || f.isInfinity(addend) && infP && addendNegative != productNegative) {
            return invalid(f, cpu);
        }
        if (f.isInfinity(addend)) {
            return addend;
        }
        if (infP) {
            return f.infinity(productNegative);
        }
        Rounding rounding = FpStatus.rounding(cpu.fpcr);
        if (f.isZero(addend) && zeroP && addendNegative == productNegative) {
            return f.zero(addendNegative);
        }
        BigInteger product = zeroP ? BigInteger.ZERO : significand(f, a).multiply(significand(f, b));
        int ep = f.scale(a) + f.scale(b);
        int ec = f.scale(addend);
        int e = Math.min(ep, ec);
        BigInteger p = product.shiftLeft(ep - e);
        BigInteger c = significand(f, addend).shiftLeft(ec - e);
        BigInteger sum = (productNegative ? p.negate() : p).add(addendNegative ? c.negate() : c);
        if (sum.signum() == 0) {
            return f.zero(rounding == Rounding.NEGATIVE_INFINITY);
        }
        return ExactRounding.round(f, sum.signum() < 0, sum.abs(), (long) e + scale, false, rounding, cpu);
    }
}
