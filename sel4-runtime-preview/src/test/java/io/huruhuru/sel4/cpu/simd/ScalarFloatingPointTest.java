package io.huruhuru.sel4.cpu.simd;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;

import io.huruhuru.sel4.cpu.Stop;
import org.junit.jupiter.api.Test;

/** Scalar FP arithmetic with the FPCR controls and FPSR flags (words checked with aarch64-linux-gnu-as). */
class ScalarFloatingPointTest {
    static final int FADD_D0_D1_D2 = 0x1E622820;
    static final int FADD_S0_S1_S2 = 0x1E222820;
    static final int FMUL_D0_D1_D2 = 0x1E620820;
    static final int FDIV_D0_D1_D2 = 0x1E621820;
    static final int FSQRT_D0_D1 = 0x1E61C020;
    static final int FMADD_D0_D1_D2_D3 = 0x1F420C20;
    static final int FNMUL_D0_D1_D2 = 0x1E628820;
    static final int FMIN_D0_D1_D2 = 0x1E625820;
    static final int FMAXNM_D0_D1_D2 = 0x1E626820;
    static final int IOC = 1;
    static final int DZC = 2;
    static final int OFC = 4;
    static final int UFC = 8;
    static final int IXC = 16;
    static final int IDC = 128;
    static final int DN = 1 << 25;
    static final int FZ = 1 << 24;
    static final int RP = 1 << 22;
    static final int RM = 2 << 22;
    static final int RZ = 3 << 22;

    static SimdMachine run(SimdMachine m) {
        assertInstanceOf(Stop.SupervisorCall.class, m.run());
        return m;
    }

    static long bits(SimdMachine m, int reg) {
        return m.cpu.v[2 * reg];
    }

    @Test
    void faddOfDoublesRoundsToNearestAndSignalsInexact() {
        SimdMachine m = run(new SimdMachine(FADD_D0_D1_D2).d(1, 0.1).d(2, 0.2));
        assertEquals(0.30000000000000004, m.d(0));
        assertEquals(IXC, m.cpu.fpsr);
    }

    @Test
    void anExactSumRaisesNoFlag() {
        SimdMachine m = run(new SimdMachine(FADD_S0_S1_S2).s(1, 1.5f).s(2, 2.25f));
        assertEquals(3.75f, m.s(0));
        assertEquals(0, m.cpu.fpsr);
    }

    @Test
    void directedRoundingModesFollowFpcrRMode() {
        double tiny = Math.scalb(1.0, -60);
        assertEquals(1.0, run(rounding(RZ, 1.0, tiny)).d(0));
        assertEquals(Math.nextUp(1.0), run(rounding(RP, 1.0, tiny)).d(0));
        assertEquals(Math.nextDown(-1.0), run(rounding(RM, -1.0, -tiny)).d(0));
        assertEquals(-1.0, run(rounding(RP, -1.0, -tiny)).d(0));
    }

    private static SimdMachine rounding(int fpcr, double a, double b) {
        SimdMachine m = new SimdMachine(FADD_D0_D1_D2).d(1, a).d(2, b);
        m.cpu.fpcr = fpcr;
        return m;
    }

    @Test
    void anExactZeroSumIsNegativeOnlyWhenRoundingTowardMinusInfinity() {
        assertEquals(0L, bits(run(rounding(0, 1.0, -1.0)), 0));
        assertEquals(Long.MIN_VALUE, bits(run(rounding(RM, 1.0, -1.0)), 0));
    }

    @Test
    void overflowGivesInfinityToNearestButTheLargestFiniteTowardZero() {
        SimdMachine nearest = run(new SimdMachine(FMUL_D0_D1_D2).d(1, Double.MAX_VALUE).d(2, 2.0));
        assertEquals(Double.POSITIVE_INFINITY, nearest.d(0));
        assertEquals(OFC | IXC, nearest.cpu.fpsr);
        SimdMachine towardZero = new SimdMachine(FMUL_D0_D1_D2).d(1, Double.MAX_VALUE).d(2, 2.0);
        towardZero.cpu.fpcr = RZ;
        assertEquals(Double.MAX_VALUE, run(towardZero).d(0));
    }

    @Test
    void anInexactSubnormalResultSignalsUnderflow() {
        SimdMachine m = run(new SimdMachine(FMUL_D0_D1_D2).d(1, Double.MIN_NORMAL).d(2, 1.0 / 3));
        assertEquals(Double.MIN_NORMAL / 3, m.d(0));
        assertEquals(UFC | IXC, m.cpu.fpsr);
    }

    @Test
    void anExactSubnormalResultDoesNotSignalUnderflow() {
        SimdMachine m = run(new SimdMachine(FMUL_D0_D1_D2).d(1, Double.MIN_NORMAL).d(2, 0.5));
        assertEquals(Double.MIN_NORMAL / 2, m.d(0));
        assertEquals(0, m.cpu.fpsr);
    }

    @Test
    void flushToZeroFlushesADenormalInputAndSignalsIdc() {
        SimdMachine m = new SimdMachine(FADD_D0_D1_D2).d(1, Double.MIN_VALUE).d(2, 1.0);
        m.cpu.fpcr = FZ;
        run(m);
        assertEquals(1.0, m.d(0));
        assertEquals(IDC, m.cpu.fpsr);
    }

    @Test
    void flushToZeroFlushesATinyResultAndSignalsUnderflowWithoutInexact() {
        SimdMachine m = new SimdMachine(FMUL_D0_D1_D2).d(1, Double.MIN_NORMAL).d(2, -0.5);
        m.cpu.fpcr = FZ;
        run(m);
        assertEquals(Long.MIN_VALUE, bits(m, 0));
        assertEquals(UFC, m.cpu.fpsr);
    }

    @Test
    void divisionByZeroGivesASignedInfinityAndDzc() {
        SimdMachine m = run(new SimdMachine(FDIV_D0_D1_D2).d(1, -3.0).d(2, 0.0));
        assertEquals(Double.NEGATIVE_INFINITY, m.d(0));
        assertEquals(DZC, m.cpu.fpsr);
    }

    @Test
    void zeroTimesInfinityIsTheDefaultNaNAndInvalid() {
        SimdMachine m = run(new SimdMachine(FMUL_D0_D1_D2).d(1, 0.0).d(2, Double.NEGATIVE_INFINITY));
        assertEquals(0x7FF8_0000_0000_0000L, bits(m, 0));
        assertEquals(IOC, m.cpu.fpsr);
    }

    @Test
    void aSignallingNaNIsQuietedWithItsPayloadAndSignalsInvalid() {
        SimdMachine m = new SimdMachine(FADD_D0_D1_D2).d(2, 1.0);
        m.cpu.v[2] = 0xFFF0_0000_0000_0042L;
        run(m);
        assertEquals(0xFFF8_0000_0000_0042L, bits(m, 0));
        assertEquals(IOC, m.cpu.fpsr);
    }

    @Test
    void aSignallingNaNWinsOverAnEarlierQuietNaN() {
        SimdMachine m = new SimdMachine(FADD_D0_D1_D2);
        m.cpu.v[2] = 0x7FF8_0000_0000_0001L;
        m.cpu.v[4] = 0x7FF0_0000_0000_0002L;
        run(m);
        assertEquals(0x7FF8_0000_0000_0002L, bits(m, 0));
    }

    @Test
    void defaultNaNModeReplacesAPropagatedNaN() {
        SimdMachine m = new SimdMachine(FADD_D0_D1_D2).d(2, 1.0);
        m.cpu.v[2] = 0xFFF8_0000_0000_0042L;
        m.cpu.fpcr = DN;
        run(m);
        assertEquals(0x7FF8_0000_0000_0000L, bits(m, 0));
        assertEquals(0, m.cpu.fpsr);
    }

    @Test
    void fmaddRoundsOnlyOnce() {
        double a = 1.0 + Math.scalb(1.0, -30);
        double c = -(1.0 + Math.scalb(1.0, -29));
        SimdMachine m = run(new SimdMachine(FMADD_D0_D1_D2_D3).d(1, a).d(2, a).d(3, c));
        assertEquals(Math.scalb(1.0, -60), m.d(0));
    }

    @Test
    void squareRootOfANegativeNumberIsInvalid() {
        SimdMachine m = run(new SimdMachine(FSQRT_D0_D1).d(1, -4.0));
        assertEquals(0x7FF8_0000_0000_0000L, bits(m, 0));
        assertEquals(IOC, m.cpu.fpsr);
        assertEquals(-0.0, run(new SimdMachine(FSQRT_D0_D1).d(1, -0.0)).d(0));
    }

    @Test
    void squareRootIsCorrectlyRoundedInEveryMode() {
        // sqrt(2) = 1.41421356237309504880...; the nearest double, 1.4142135623730951454..., lies above it.
        SimdMachine up = new SimdMachine(FSQRT_D0_D1).d(1, 2.0);
        up.cpu.fpcr = RP;
        assertEquals(Math.sqrt(2.0), run(up).d(0));
        SimdMachine down = new SimdMachine(FSQRT_D0_D1).d(1, 2.0);
        down.cpu.fpcr = RZ;
        assertEquals(Math.nextDown(Math.sqrt(2.0)), run(down).d(0));
    }

    @Test
    void fnmulNegatesTheProduct() {
        assertEquals(-6.0, run(new SimdMachine(FNMUL_D0_D1_D2).d(1, 2.0).d(2, 3.0)).d(0));
    }

    @Test
    void fminOfOppositeZerosIsNegativeZero() {
        assertEquals(Long.MIN_VALUE, bits(run(new SimdMachine(FMIN_D0_D1_D2).d(1, 0.0).d(2, -0.0)), 0));
    }

    @Test
    void fmaxnmPrefersANumberToAQuietNaN() {
        SimdMachine m = new SimdMachine(FMAXNM_D0_D1_D2).d(2, -7.0);
        m.cpu.v[2] = 0x7FF8_0000_0000_0000L;
        assertEquals(-7.0, run(m).d(0));
        assertEquals(0, m.cpu.fpsr);
    }

    @Test
    void aScalarWriteClearsTheRestOfTheVectorRegister() {
        SimdMachine m = new SimdMachine(FADD_S0_S1_S2).s(1, 1f).s(2, 1f).q(0, -1L, -1L);
        run(m);
        assertEquals(0x4000_0000L, m.cpu.v[0]);
        assertEquals(0L, m.cpu.v[1]);
    }

    @Test
    void aDenormalOperandSignalsIdcUnderFlushToZeroEvenBesideANaN() {
        SimdMachine m = new SimdMachine(FADD_D0_D1_D2).d(1, Double.MIN_VALUE).d(2, Double.NaN);
        m.cpu.fpcr = FZ;
        run(m);
        assertEquals(IDC, m.cpu.fpsr);
        assertEquals(0x7FF8_0000_0000_0000L, bits(m, 0));
    }

    @Test
    void frecpeGivesTheArmEightBitEstimate() {
        // RecipEstimate(256) = 511: for 2.0 the estimate is 2^-2 * (1 + 255/256).
        assertEquals(0.4990234375f, run(new SimdMachine(0x5EA1D820).s(1, 2f)).s(0));
    }

    @Test
    void fmulxAndFrecpsGiveTwoForInfinityTimesZeroWithoutInvalid() {
        SimdMachine mulx = run(new SimdMachine(0x5E62DC20).d(1, Double.NEGATIVE_INFINITY).d(2, 0.0));
        assertEquals(-2.0, mulx.d(0));
        assertEquals(0, mulx.cpu.fpsr);
        SimdMachine step = run(new SimdMachine(0x5E62FC20).d(1, 0.0).d(2, Double.POSITIVE_INFINITY));
        assertEquals(2.0, step.d(0));
        assertEquals(0, step.cpu.fpsr);
        assertEquals(2.0 - 3.0 * 0.5, run(new SimdMachine(0x5E62FC20).d(1, 3.0).d(2, 0.5)).d(0));
    }
}
