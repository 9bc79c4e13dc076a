package io.huruhuru.sel4.cpu.simd;

/** The FPCR controls and FPSR cumulative exception bits the arithmetic honours (Arm ARM C5.2.8, C5.2.10). */
final class FpStatus {
    static final int IOC = 1;
    static final int DZC = 1 << 1;
    static final int OFC = 1 << 2;
    static final int UFC = 1 << 3;
    static final int IXC = 1 << 4;
    static final int IDC = 1 << 7;
    /** FPSR.QC: an Advanced SIMD saturating operation saturated. */
    static final int QC = 1 << 27;

    static final int FPCR_DN = 1 << 25;
    static final int FPCR_FZ = 1 << 24;
    static final int FPCR_RMODE_SHIFT = 22;

    private FpStatus() { }

    static boolean defaultNaN(int fpcr) {
        return (fpcr & FPCR_DN) != 0;
    }

    /** FPCR.FZ flushes single and double denormals; half precision has its own FZ16, which is not modelled. */
    static boolean flushToZero(int fpcr, FpFormat format) {
        return (fpcr & FPCR_FZ) != 0 && format != FpFormat.HALF;
    }

    static Rounding rounding(int fpcr) {
        return Rounding.ofRMode((fpcr >>> FPCR_RMODE_SHIFT) & 3);
    }

    /** True when the common case applies: round to nearest, no flushing, so Java's IEEE arithmetic is exact. */
    static boolean nearestWithoutFlush(int fpcr) {
        return (fpcr & (FPCR_FZ | (3 << FPCR_RMODE_SHIFT))) == 0;
    }
}
