package io.huruhuru.sel4.cpu.simd;

import static io.huruhuru.sel4.cpu.simd.ScalarFloatingPointTest.IOC;
import static io.huruhuru.sel4.cpu.simd.ScalarFloatingPointTest.IXC;
import static io.huruhuru.sel4.cpu.simd.ScalarFloatingPointTest.OFC;
import static io.huruhuru.sel4.cpu.simd.ScalarFloatingPointTest.run;
import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

/** Compares, selects, precision and integer conversions, FRINT*, FMOV (words from aarch64-linux-gnu-as). */
class FpConversionAndCompareTest {
    static final int FCMP_D1_D2 = 0x1E622020;
    static final int FCMPE_D1_D2 = 0x1E622030;
    static final int FCCMP_D1_D2_5_NE = 0x1E621425;
    static final int FCSEL_D0_D1_D2_EQ = 0x1E620C20;
    static final int FCVT_H0_D1 = 0x1E63C020;
    static final int FCVT_D0_H1 = 0x1EE2C020;
    static final int FCVT_S0_D1 = 0x1E624020;
    static final int FCVTZS_X0_D1 = 0x9E780020;
    static final int FCVTZS_W0_D1 = 0x1E780020;
    static final int FCVTAS_X0_D1 = 0x9E640020;
    static final int FCVTNS_X0_D1 = 0x9E600020;
    static final int FCVTZU_X0_D1 = 0x9E790020;
    static final int SCVTF_D0_X1 = 0x9E620020;
    static final int UCVTF_D0_X1 = 0x9E630020;
    static final int SCVTF_S0_W1_4 = 0x1E02F020;
    static final int FRINTX_D0_D1 = 0x1E674020;
    static final int FRINTI_D0_D1 = 0x1E67C020;
    static final int FRINTA_D0_D1 = 0x1E664020;
    static final int FRINTN_D0_D1 = 0x1E644020;
    static final int FMOV_D0_MINUS_1_25 = 0x1E7E9000;
    static final int FMOV_X0_V1_D1 = 0x9EAE0020;
    static final int FMOV_D0_X1 = 0x9E670020;

    @Test
    void fcmpOfAQuietNaNIsUnorderedWithoutInvalidButFcmpeSignals() {
        SimdMachine quiet = new SimdMachine(FCMP_D1_D2).d(1, Double.NaN).d(2, 1.0);
        run(quiet);
        assertEquals(0x3000_0000, quiet.cpu.nzcv);
        assertEquals(0, quiet.cpu.fpsr);
        SimdMachine signalling = new SimdMachine(FCMPE_D1_D2).d(1, Double.NaN).d(2, 1.0);
        run(signalling);
        assertEquals(IOC, signalling.cpu.fpsr);
    }

    @Test
    void fcmpSetsLessEqualAndGreater() {
        assertEquals(0x8000_0000, run(new SimdMachine(FCMP_D1_D2).d(1, -1.0).d(2, 1.0)).cpu.nzcv);
        assertEquals(0x6000_0000, run(new SimdMachine(FCMP_D1_D2).d(1, -0.0).d(2, 0.0)).cpu.nzcv);
        assertEquals(0x2000_0000, run(new SimdMachine(FCMP_D1_D2).d(1, 2.0).d(2, 1.0)).cpu.nzcv);
    }

    @Test
    void fccmpTakesItsImmediateFlagsWhenTheConditionFails() {
        SimdMachine m = new SimdMachine(FCCMP_D1_D2_5_NE).d(1, 1.0).d(2, 2.0);
        m.cpu.nzcv = 0x4000_0000;
        run(m);
        assertEquals(0x5000_0000, m.cpu.nzcv);
    }

    @Test
    void fcselPicksBySelectedCondition() {
        SimdMachine m = new SimdMachine(FCSEL_D0_D1_D2_EQ).d(1, 1.0).d(2, 2.0);
        m.cpu.nzcv = 0;
        assertEquals(2.0, run(m).d(0));
    }

    @Test
    void narrowingToHalfRoundsAndOverflowsToInfinity() {
        assertEquals(0x3C00L, run(new SimdMachine(FCVT_H0_D1).d(1, 1.0 + Math.scalb(1.0, -12))).cpu.v[0]);
        SimdMachine big = run(new SimdMachine(FCVT_H0_D1).d(1, 70000.0));
        assertEquals(0x7C00L, big.cpu.v[0]);
        assertEquals(OFC | IXC, big.cpu.fpsr);
    }

    @Test
    void halfWidensExactly() {
        SimdMachine m = new SimdMachine(FCVT_D0_H1);
        m.cpu.v[2] = 0x0001;
        assertEquals(Math.scalb(1.0, -24), run(m).d(0));
        assertEquals(0, m.cpu.fpsr);
    }

    @Test
    void narrowingASignallingNaNKeepsTheTopOfItsPayload() {
        SimdMachine m = new SimdMachine(FCVT_S0_D1);
        m.cpu.v[2] = 0x7FF4_0000_2000_0000L;
        run(m);
        assertEquals(0x7FE0_0001L, m.cpu.v[0]);
        assertEquals(IOC, m.cpu.fpsr);
    }

    @Test
    void fcvtzsSaturatesAndSignalsInvalid() {
        SimdMachine m = run(new SimdMachine(FCVTZS_W0_D1).d(1, 3e10));
        assertEquals(0x7FFF_FFFFL, m.cpu.x[0]);
        assertEquals(IOC, m.cpu.fpsr);
        SimdMachine nan = run(new SimdMachine(FCVTZS_X0_D1).d(1, Double.NaN));
        assertEquals(0L, nan.cpu.x[0]);
        assertEquals(IOC, nan.cpu.fpsr);
    }

    @Test
    void fcvtzsTruncatesAndSignalsInexact() {
        SimdMachine m = run(new SimdMachine(FCVTZS_X0_D1).d(1, -2.75));
        assertEquals(-2L, m.cpu.x[0]);
        assertEquals(IXC, m.cpu.fpsr);
    }

    @Test
    void fcvtasRoundsTiesAwayAndFcvtnsTiesToEven() {
        assertEquals(-3L, run(new SimdMachine(FCVTAS_X0_D1).d(1, -2.5)).cpu.x[0]);
        assertEquals(-2L, run(new SimdMachine(FCVTNS_X0_D1).d(1, -2.5)).cpu.x[0]);
    }

    @Test
    void fcvtzuOfANegativeNumberIsZeroAndInvalid() {
        SimdMachine m = run(new SimdMachine(FCVTZU_X0_D1).d(1, -1.5));
        assertEquals(0L, m.cpu.x[0]);
        assertEquals(IOC, m.cpu.fpsr);
    }

    @Test
    void scvtfRoundsALargeIntegerAndUcvtfReadsTheTopBitAsMagnitude() {
        SimdMachine s = new SimdMachine(SCVTF_D0_X1);
        s.cpu.x[1] = Long.MAX_VALUE;
        assertEquals(0x1p63, run(s).d(0));
        assertEquals(IXC, s.cpu.fpsr);
        SimdMachine u = new SimdMachine(UCVTF_D0_X1);
        u.cpu.x[1] = -1L;
        assertEquals(0x1p64, run(u).d(0));
    }

    @Test
    void scvtfWithFractionBitsScales() {
        SimdMachine m = new SimdMachine(SCVTF_S0_W1_4);
        m.cpu.x[1] = 0xFFFF_FFF8L;
        assertEquals(-0.5f, run(m).s(0));
    }

    @Test
    void frintxSignalsInexactButFrintiDoesNot() {
        SimdMachine x = run(new SimdMachine(FRINTX_D0_D1).d(1, 2.5));
        assertEquals(2.0, x.d(0));
        assertEquals(IXC, x.cpu.fpsr);
        SimdMachine i = run(new SimdMachine(FRINTI_D0_D1).d(1, 2.5));
        assertEquals(2.0, i.d(0));
        assertEquals(0, i.cpu.fpsr);
    }

    @Test
    void frintaRoundsTiesAwayAndFrintnKeepsTheSignOfZero() {
        assertEquals(3.0, run(new SimdMachine(FRINTA_D0_D1).d(1, 2.5)).d(0));
        assertEquals(Long.MIN_VALUE, run(new SimdMachine(FRINTN_D0_D1).d(1, -0.5)).cpu.v[0]);
    }

    @Test
    void fmovImmediateAndTheUpperHalfMoves() {
        assertEquals(-1.25, run(new SimdMachine(FMOV_D0_MINUS_1_25)).d(0));
        SimdMachine m = new SimdMachine(FMOV_X0_V1_D1).q(1, 0x1234L, 0x5678L);
        assertEquals(0x1234L, run(m).cpu.x[0]);
        SimdMachine g = new SimdMachine(FMOV_D0_X1).q(0, -1L, -1L);
        g.cpu.x[1] = 42;
        run(g);
        assertEquals(42L, g.cpu.v[0]);
        assertEquals(0L, g.cpu.v[1]);
    }
}
