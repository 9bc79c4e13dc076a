package io.huruhuru.sel4.cpu.simd;

import io.huruhuru.sel4.cpu.Cpu;
import java.math.BigInteger;

/** FPConvert, FPRoundInt, FPToFixed and FixedToFP of the Arm ARM shared pseudocode. */
final class FpConversion {
    private FpConversion() { }

    /** FCVT between precisions; a NaN keeps its sign and top payload bits (FPConvertNaN) unless FPCR.DN. */
    static long convert(FpFormat from, FpFormat to, long a, Cpu cpu) {
        if (from.isNaN(a)) {
            if (from.isSignallingNaN(a)) {
                cpu.fpsr |= FpStatus.IOC;
            }
            if (FpStatus.defaultNaN(cpu.fpcr)) {
                return to.defaultNaN();
            }
            long payload = a & from.fractionMask;
            payload = to.fractionBits >= from.fractionBits
                    ? payload << (to.fractionBits - from.fractionBits)
                    : payload >>> (from.fractionBits - to.fractionBits);
            return (from.negative(a) ? to.signBit : 0) | ((long) to.maxBiasedExponent << to.fractionBits)
                    | to.quietBit | payload;
        }
        a = FpArithmetic.flush(from, a, cpu);
        boolean negative = from.negative(a);
        if (from.isInfinity(a)) {
            return to.infinity(negative);
        }
        if (from.isZero(a)) {
            return to.zero(negative);
        }
        if (to == FpFormat.DOUBLE && from != FpFormat.DOUBLE) {
            return Double.doubleToRawLongBits(from.toDouble(a));
        }
        return ExactRounding.round(to, negative, BigInteger.valueOf(from.significand(a)), from.scale(a), false,
                FpStatus.rounding(cpu.fpcr), cpu);
    }

    /** FRINT*: rounds to an integral value in the same format; {@code exact} (FRINTX) signals inexactness. */
    static long roundToIntegral(FpFormat f, long a, Rounding rounding, boolean exact, Cpu cpu) {
        if (f.isNaN(a)) {
            return FpArithmetic.processNaN(f, a, cpu);
        }
        a = FpArithmetic.flush(f, a, cpu);
        if (f.isInfinity(a) || f.isZero(a)) {
            return a;
        }
        boolean negative = f.negative(a);
        ExactRounding.IntegerResult r = ExactRounding.toInteger(negative,
                BigInteger.valueOf(f.significand(a)), f.scale(a), rounding);
        if (exact && r.inexact()) {
            cpu.fpsr |= FpStatus.IXC;
        }
        if (r.value().signum() == 0) {
            return f.zero(negative);
        }
        int saved = cpu.fpsr;
        long bits = ExactRounding.round(f, negative, r.value().abs(), 0, false, Rounding.ZERO, cpu);
        cpu.fpsr = saved;
        return bits;
    }

    /** FCVT[NPMZA][SU], including the fixed-point forms ({@code fractionBits} > 0): saturating, IOC on NaN. */
    static long toFixed(FpFormat f, long a, int fractionBits, boolean unsigned, int integerBits,
                        Rounding rounding, Cpu cpu) {
        a = FpArithmetic.flush(f, a, cpu);
        BigInteger max = unsigned ? BigInteger.ONE.shiftLeft(integerBits).subtract(BigInteger.ONE)
                : BigInteger.ONE.shiftLeft(integerBits - 1).subtract(BigInteger.ONE);
        BigInteger min = unsigned ? BigInteger.ZERO : BigInteger.ONE.shiftLeft(integerBits - 1).negate();
        if (f.isNaN(a)) {
            cpu.fpsr |= FpStatus.IOC;
            return 0;
        }
        if (f.isInfinity(a)) {
            cpu.fpsr |= FpStatus.IOC;
            return (f.negative(a) ? min : max).longValue();
        }
        if (f.isZero(a)) {
            return 0;
        }
        ExactRounding.IntegerResult r = ExactRounding.toInteger(f.negative(a),
                BigInteger.valueOf(f.significand(a)), (long) f.scale(a) + fractionBits, rounding);
        if (r.value().compareTo(max) > 0) {
            cpu.fpsr |= FpStatus.IOC;
            return max.longValue();
        }
        if (r.value().compareTo(min) < 0) {
            cpu.fpsr |= FpStatus.IOC;
            return min.longValue();
        }
        if (r.inexact()) {
            cpu.fpsr |= FpStatus.IXC;
        }
        return r.value().longValue();
    }

    /** SCVTF/UCVTF, including the fixed-point forms: the integer {@code value} / 2^fractionBits, rounded. */
    static long fromFixed(FpFormat f, long value, int integerBits, boolean unsigned, int fractionBits, Cpu cpu) {
        BigInteger v;
        if (integerBits < 64) {
            long m = (1L << integerBits) - 1;
            value &= m;
            v = unsigned ? BigInteger.valueOf(value)
                    : BigInteger.valueOf((value << (64 - integerBits)) >> (64 - integerBits));
        } else {
            v = unsigned ? new BigInteger(Long.toUnsignedString(value)) : BigInteger.valueOf(value);
        }
        if (v.signum() == 0) {
            return f.zero(false);
        }
        return ExactRounding.round(f, v.signum() < 0, v.abs(), -fractionBits, false,
                FpStatus.rounding(cpu.fpcr), cpu);
    }
}
