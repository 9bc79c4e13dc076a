package io.huruhuru.sel4.cpu.simd;

import io.huruhuru.sel4.cpu.Cpu;
import java.math.BigInteger;

/**
 * Rounds an exactly known value {@code ±magnitude × 2^exponent} (plus a sticky bit for digits beyond it) to a
 * format, as the Arm ARM's FPRoundBase does: FZ flushing of tiny results, tininess detected before rounding,
 * overflow to infinity or the largest finite value by rounding direction, and the cumulative FPSR flags.
 */
final class ExactRounding {
    private ExactRounding() { }

    /** The rounded bits; {@code magnitude} is non-zero and, when sticky, carries at least fractionBits+3 bits. */
    static long round(FpFormat f, boolean negative, BigInteger magnitude, long exponent, boolean sticky,
                      Rounding rounding, Cpu cpu) {
        int fb = f.fractionBits;
        long emin = 1 - f.bias;
        long e = exponent + magnitude.bitLength() - 1;
        if (e < emin && FpStatus.flushToZero(cpu.fpcr, f)) {
            cpu.fpsr |= FpStatus.UFC;
            return f.zero(negative);
        }
        long quantum = Math.max(e, emin) - fb;
        long shift = quantum - exponent;
        long kept;
        boolean half;
        boolean rest;
        if (shift > 0) {
            int s = (int) Math.min(shift, Integer.MAX_VALUE - 1);
            kept = magnitude.shiftRight(s).longValue();
            half = magnitude.testBit(s - 1);
            rest = sticky || magnitude.getLowestSetBit() < s - 1;
        } else {
            kept = magnitude.shiftLeft((int) -shift).longValue();
            half = false;
            rest = sticky;
        }
        boolean inexact = half || rest;
        if (rounding.incrementsMagnitude(negative, (kept & 1) != 0, half, rest)) {
            kept++;
        }
        long sign = negative ? f.signBit : 0;
        if (e + f.bias >= f.maxBiasedExponent) {
            return overflow(f, negative, rounding, cpu);
        }
        long bits = e < emin ? kept : ((e + f.bias - 1) << fb) + kept;
        if ((bits >>> fb) >= f.maxBiasedExponent) {
            return overflow(f, negative, rounding, cpu);
        }
        if (inexact) {
            cpu.fpsr |= e < emin ? FpStatus.UFC | FpStatus.IXC : FpStatus.IXC;
        }
        return sign | bits;
    }

    private static long overflow(FpFormat f, boolean negative, Rounding rounding, Cpu cpu) {
        cpu.fpsr |= FpStatus.OFC | FpStatus.IXC;
        return rounding.overflowsToInfinity(negative) ? f.infinity(negative) : f.maxNormal(negative);
    }

    /** A value rounded to an integer, with whether digits were discarded. */
    record IntegerResult(BigInteger value, boolean inexact) { }

    /** Rounds {@code ±magnitude × 2^exponent} to an integer in that direction (FPRoundInt, FPToFixed). */
    static IntegerResult toInteger(boolean negative, BigInteger magnitude, long exponent, Rounding rounding) {
        if (exponent >= 0) {
            BigInteger whole = magnitude.shiftLeft((int) Math.min(exponent, 1 << 16));
            return new IntegerResult(negative ? whole.negate() : whole, false);
        }
        int s = (int) Math.min(-exponent, Integer.MAX_VALUE - 1);
        BigInteger kept = magnitude.shiftRight(s);
        boolean half = magnitude.testBit(s - 1);
        boolean rest = magnitude.signum() != 0 && magnitude.getLowestSetBit() < s - 1;
        if (rounding.incrementsMagnitude(negative, kept.testBit(0), half, rest)) {
            kept = kept.add(BigInteger.ONE);
        }
        return new IntegerResult(negative ? kept.negate() : kept, half || rest);
    }
}
