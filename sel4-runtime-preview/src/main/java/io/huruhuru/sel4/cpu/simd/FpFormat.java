package io.huruhuru.sel4.cpu.simd;

/** An IEEE 754 binary interchange format the A64 floating-point unit computes in (half, single, double). */
enum FpFormat {
    HALF(5, 10), SINGLE(8, 23), DOUBLE(11, 52);

    final int exponentBits;
    final int fractionBits;
    final int width;
    final int bias;
    final int maxBiasedExponent;
    final long signBit;
    final long fractionMask;
    final long quietBit;
    final long mask;

    FpFormat(int exponentBits, int fractionBits) {
        this.exponentBits = exponentBits;
        this.fractionBits = fractionBits;
        this.width = 1 + exponentBits + fractionBits;
        this.bias = (1 << (exponentBits - 1)) - 1;
        this.maxBiasedExponent = (1 << exponentBits) - 1;
        this.signBit = 1L << (width - 1);
        this.fractionMask = (1L << fractionBits) - 1;
        this.quietBit = 1L << (fractionBits - 1);
        this.mask = width == 64 ? -1L : (1L << width) - 1;
    }

    /** The format of an FP data-processing encoding's {@code ftype} field (00 single, 01 double, 11 half). */
    static FpFormat ofType(int ftype) {
        return switch (ftype) {
            case 0 -> SINGLE;
            case 1 -> DOUBLE;
            case 3 -> HALF;
            default -> null;
        };
    }

    /** The format of a vector element of {@code bits} width (16, 32 or 64). */
    static FpFormat ofWidth(int bits) {
        return bits == 16 ? HALF : bits == 32 ? SINGLE : DOUBLE;
    }

    int biasedExponent(long bits) {
        return (int) ((bits >>> fractionBits) & maxBiasedExponent);
    }

    boolean negative(long bits) {
        return (bits & signBit) != 0;
    }

    boolean isNaN(long bits) {
        return biasedExponent(bits) == maxBiasedExponent && (bits & fractionMask) != 0;
    }

    boolean isSignallingNaN(long bits) {
        return isNaN(bits) && (bits & quietBit) == 0;
    }

    boolean isInfinity(long bits) {
        return biasedExponent(bits) == maxBiasedExponent && (bits & fractionMask) == 0;
    }

    boolean isZero(long bits) {
        return (bits & ~signBit & mask) == 0;
    }

    boolean isSubnormal(long bits) {
        return biasedExponent(bits) == 0 && (bits & fractionMask) != 0;
    }

    /** The significand of a finite value as an integer (hidden bit included for normals). */
    long significand(long bits) {
        int e = biasedExponent(bits);
        return e == 0 ? bits & fractionMask : (bits & fractionMask) | (1L << fractionBits);
    }

    /** The power of two the significand is scaled by. */
    int scale(long bits) {
        int e = biasedExponent(bits);
        return (e == 0 ? 1 : e) - bias - fractionBits;
    }

    /** AArch64's default NaN (Arm ARM FPDefaultNaN): positive, quiet, no payload. */
    long defaultNaN() {
        return ((long) maxBiasedExponent << fractionBits) | quietBit;
    }

    long infinity(boolean negative) {
        return (negative ? signBit : 0) | ((long) maxBiasedExponent << fractionBits);
    }

    long zero(boolean negative) {
        return negative ? signBit : 0;
    }

    long maxNormal(boolean negative) {
        return (negative ? signBit : 0) | (((long) maxBiasedExponent - 1) << fractionBits) | fractionMask;
    }

    /** The exact value of a finite operand as a double (exact for every format here). */
    double toDouble(long bits) {
        if (this == DOUBLE) {
            return Double.longBitsToDouble(bits);
        }
        double magnitude = Math.scalb((double) significand(bits), scale(bits));
        return negative(bits) ? -magnitude : magnitude;
    }
}
