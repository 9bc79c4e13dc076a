package io.huruhuru.sel4.cpu.simd;

/** A rounding direction: FPCR.RMode's four (Arm ARM FPRounding) plus ties-away, which FRINTA and FCVTA* use. */
enum Rounding {
    TIE_EVEN, POSITIVE_INFINITY, NEGATIVE_INFINITY, ZERO, TIE_AWAY;

    static Rounding ofRMode(int rmode) {
        return switch (rmode) {
            case 0 -> TIE_EVEN;
            case 1 -> POSITIVE_INFINITY;
            case 2 -> NEGATIVE_INFINITY;
            default -> ZERO;
        };
    }

    /** Whether a magnitude whose discarded part is {@code half} (exactly the top bit) and {@code rest} rounds up. */
    boolean incrementsMagnitude(boolean negative, boolean lowestKeptBit, boolean half, boolean rest) {
        return switch (this) {
            case TIE_EVEN -> half && (rest || lowestKeptBit);
            case TIE_AWAY -> half;
            case POSITIVE_INFINITY -> !negative && (half || rest);
            case NEGATIVE_INFINITY -> negative && (half || rest);
            case ZERO -> false;
        };
    }

    /** Whether an overflowing result becomes infinity rather than the largest finite value (Arm ARM FPRoundBase). */
    boolean overflowsToInfinity(boolean negative) {
        return switch (this) {
            case TIE_EVEN, TIE_AWAY -> true;
            case POSITIVE_INFINITY -> !negative;
            case NEGATIVE_INFINITY -> negative;
            case ZERO -> false;
        };
    }
}
