package io.huruhuru.sel4.cpu.simd;

import static io.huruhuru.sel4.cpu.simd.ScalarFloatingPointTest.run;
import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

/** Advanced SIMD integer, permute and copy instructions as glibc's string functions use them (words from as). */
class AdvancedSimdTest {
    static final int CMEQ_16B = 0x6E228C20;          // cmeq v0.16b, v1.16b, v2.16b
    static final int UMAXP_V0_V0_V0 = 0x6E20A400;    // umaxp v0.16b, v0.16b, v0.16b
    static final int FMOV_X0_D0 = 0x9E660000;        // fmov x0, d0
    static final int SHRN_V0_8B_V0_8H_4 = 0x0F0C8400; // shrn v0.8b, v0.8h, #4
    static final int UMINP_16B = 0x6E22AC20;         // uminp v0.16b, v1.16b, v2.16b
    static final int ADDP_16B = 0x4E22BC20;          // addp v0.16b, v1.16b, v2.16b
    static final int CNT_8B = 0x0E205820;            // cnt v0.8b, v1.8b
    static final int UADDLV_H0_8B = 0x2E303800;      // uaddlv h0, v0.8b
    static final int TBL_16B = 0x4E020020;           // tbl v0.16b, {v1.16b}, v2.16b
    static final int TBX_16B = 0x4E021020;           // tbx v0.16b, {v1.16b}, v2.16b
    static final int EXT_16B_3 = 0x6E021820;         // ext v0.16b, v1.16b, v2.16b, #3
    static final int REV64_16B = 0x4E200820;         // rev64 v0.16b, v1.16b
    static final int BSL_16B = 0x6E621C20;           // bsl v0.16b, v1.16b, v2.16b
    static final int BIT_16B = 0x6EA21C20;           // bit v0.16b, v1.16b, v2.16b
    static final int BIF_16B = 0x6EE21C20;           // bif v0.16b, v1.16b, v2.16b
    static final int MOVI_4S_0X12_LSL8 = 0x4F002640;  // movi v0.4s, #0x12, lsl #8
    static final int MVNI_8H_1 = 0x6F008420;         // mvni v0.8h, #0x1
    static final int ORR_4S_0XFF_LSL16 = 0x4F0757E0; // orr v0.4s, #0xff, lsl #16
    static final int DUP_16B_W1 = 0x4E010C20;        // dup v0.16b, w1
    static final int DUP_4S_V1_S3 = 0x4E1C0420;      // dup v0.4s, v1.s[3]
    static final int INS_H5_W1 = 0x4E161C20;         // mov v0.h[5], w1
    static final int UMOV_W0_B15 = 0x0E1F3C20;       // umov w0, v1.b[15]
    static final int SMOV_X0_H1 = 0x4E062C20;        // smov x0, v1.h[1]
    static final int ZIP1_8H = 0x4E423820;           // zip1 v0.8h, v1.8h, v2.8h
    static final int UZP1_4S = 0x4E821820;           // uzp1 v0.4s, v1.4s, v2.4s
    static final int TRN2_16B = 0x4E026820;          // trn2 v0.16b, v1.16b, v2.16b
    static final int XTN2_16B = 0x4E212820;          // xtn2 v0.16b, v1.8h
    static final int UQADD_16B = 0x6E220C20;         // uqadd v0.16b, v1.16b, v2.16b
    static final int SSHL_4S = 0x4EA24420;           // sshl v0.4s, v1.4s, v2.4s
    static final int USHLL_8H_3 = 0x2F0BA420;        // ushll v0.8h, v1.8b, #3
    static final int FADD_4S = 0x4E22D420;           // fadd v0.4s, v1.4s, v2.4s

    @Test
    void strlensZeroByteSearchFindsTheNulThroughCmeqAndUmaxp() {
        SimdMachine m = new SimdMachine(CMEQ_16B, UMAXP_V0_V0_V0, FMOV_X0_D0)
                .q(1, 0x4847464544434241L, 0x4100_3938_3736_3531L).q(2, 0, 0);
        run(m);
        // Byte 6 is the NUL; UMAXP folds bytes 6 and 7 into byte 3 of the result.
        assertEquals(0xFF00_0000L, m.cpu.x[0]);
    }

    @Test
    void cmeqOfBytesMarksExactlyTheEqualBytesEvenNextToBorrowingPatterns() {
        SimdMachine m = run(new SimdMachine(CMEQ_16B).q(1, 0x7F80_0001_0100_FF00L, 0x0100_8001_0000_FF80L)
                .q(2, 0x7F80_0001_0100_FF00L & 0xFFFF_FFFF_0000_00FFL, 0));
        assertEquals(0x00FF_0000_FFFF_0000L, m.cpu.v[0]);
        assertEquals(0xFFFF_FFFF_00FF_00FFL, m.cpu.v[1]);
    }

    @Test
    void shrnByFourMakesTheNibbleMaskOfACompare() {
        SimdMachine m = new SimdMachine(SHRN_V0_8B_V0_8H_4).q(0, -1L, 0x0000_FF00_0000_00FFL);
        run(m);
        assertEquals(0xFFFF_FFFF_00F0_000FL, m.cpu.v[0]);
        assertEquals(0L, m.cpu.v[1]);
    }

    @Test
    void pairwiseMinimumAndAdditionCombineAdjacentBytesOfBothSources() {
        SimdMachine min = run(new SimdMachine(UMINP_16B).q(1, 0, 0x0102_0304_0506_0708L).q(2, 0, 0));
        assertEquals(0x0000_0000_0103_0507L, min.cpu.v[0]);
        SimdMachine add = run(new SimdMachine(ADDP_16B).q(1, 0, 0x0102_0304_0506_0708L).q(2, 0, 0xFF01L));
        assertEquals(0x0000_0000_0307_0B0FL, add.cpu.v[0]);
        assertEquals(0L, add.cpu.v[1]);
    }

    @Test
    void cntThenUaddlvCountsTheSetBits() {
        SimdMachine m = run(new SimdMachine(CNT_8B, UADDLV_H0_8B).q(1, -1L, 0xFF00_0F00_0300_0100L));
        assertEquals(8L + 4 + 2 + 1, m.cpu.v[0]);
    }

    @Test
    void tblZeroesOutOfRangeIndicesAndTbxKeepsTheOldByte() {
        SimdMachine tbl = run(new SimdMachine(TBL_16B).q(1, 0x1F1E1D1C1B1A1918L, 0x1716151413121110L)
                .q(2, 0, 0x0000_0000_0010_0F00L).q(0, -1L, -1L));
        assertEquals(0x1010_1010_1000_1F10L, tbl.cpu.v[0]);
        SimdMachine tbx = run(new SimdMachine(TBX_16B).q(1, 0, 0x0706050403020100L)
                .q(2, 0xFFFF_FFFF_FFFF_FFFFL, 0x4040_4040_4040_0001L).q(0, 0xAAL, 0xBBBB_BBBB_BBBB_BBBBL));
        assertEquals(0xBBBB_BBBB_BBBB_0001L, tbx.cpu.v[0]);
        assertEquals(0xAAL, tbx.cpu.v[1]);
    }

    @Test
    void extTakesBytesFromTheConcatenation() {
        SimdMachine m = run(new SimdMachine(EXT_16B_3).q(1, 0x0F0E0D0C0B0A0908L, 0x0706050403020100L)
                .q(2, 0x1F1E1D1C1B1A1918L, 0x1716151413121110L));
        assertEquals(0x0A09080706050403L, m.cpu.v[0]);
        assertEquals(0x1211100F0E0D0C0BL, m.cpu.v[1]);
    }

    @Test
    void rev64ReversesBytesInEachDoubleword() {
        SimdMachine m = run(new SimdMachine(REV64_16B).q(1, 0x0F0E0D0C0B0A0908L, 0x0706050403020100L));
        assertEquals(0x0001020304050607L, m.cpu.v[0]);
        assertEquals(0x08090A0B0C0D0E0FL, m.cpu.v[1]);
    }

    @Test
    void bitwiseSelectsChooseByTheirMask() {
        assertEquals(0xF0F0L & 0xFF00 | 0x00F0L & 0x00FF,
                run(new SimdMachine(BSL_16B).q(0, 0, 0xFF00L).q(1, 0, 0xF0F0L).q(2, 0, 0x00F0L)).cpu.v[0]);
        assertEquals(0x1234L & 0xFF00 | 0x5678L & 0x00FF,
                run(new SimdMachine(BIT_16B).q(0, 0, 0x5678L).q(1, 0, 0x1234L).q(2, 0, 0xFF00L)).cpu.v[0]);
        assertEquals(0x5678L & 0xFF00 | 0x1234L & 0x00FF,
                run(new SimdMachine(BIF_16B).q(0, 0, 0x5678L).q(1, 0, 0x1234L).q(2, 0, 0xFF00L)).cpu.v[0]);
    }

    @Test
    void modifiedImmediatesExpandPerCmode() {
        assertEquals(0x0000_1200_0000_1200L, run(new SimdMachine(MOVI_4S_0X12_LSL8)).cpu.v[1]);
        assertEquals(0xFFFE_FFFE_FFFE_FFFEL, run(new SimdMachine(MVNI_8H_1)).cpu.v[0]);
        assertEquals(0x00FF_0001_00FF_0001L, run(new SimdMachine(ORR_4S_0XFF_LSL16).q(0, 0, 0x1_0000_0001L)).cpu.v[0]);
    }

    @Test
    void dupInsUmovAndSmovMoveElements() {
        SimdMachine dup = new SimdMachine(DUP_16B_W1);
        dup.cpu.x[1] = 0x1234;
        assertEquals(0x3434_3434_3434_3434L, run(dup).cpu.v[1]);
        assertEquals(0x0000_0004_0000_0004L,
                run(new SimdMachine(DUP_4S_V1_S3).q(1, 0x0000_0004_0000_0003L, 0)).cpu.v[0]);
        SimdMachine ins = new SimdMachine(INS_H5_W1).q(0, 0x1111_1111_1111_1111L, 0x2222L);
        ins.cpu.x[1] = 0xABCD;
        run(ins);
        assertEquals(0x1111_1111_ABCD_1111L, ins.cpu.v[1]);
        assertEquals(0x2222L, ins.cpu.v[0]);
        assertEquals(0xFEL, run(new SimdMachine(UMOV_W0_B15).q(1, 0xFE00_0000_0000_0000L, 0)).cpu.x[0]);
        assertEquals(-2L, run(new SimdMachine(SMOV_X0_H1).q(1, 0, 0xFFFE_0000L)).cpu.x[0]);
    }

    @Test
    void zipUzpAndTrnInterleaveAsTheArmArmSays() {
        SimdMachine zip = run(new SimdMachine(ZIP1_8H).q(1, 0, 0x0003_0002_0001_0000L)
                .q(2, 0, 0x0013_0012_0011_0010L));
        assertEquals(0x0011_0001_0010_0000L, zip.cpu.v[0]);
        assertEquals(0x0013_0003_0012_0002L, zip.cpu.v[1]);
        SimdMachine uzp = run(new SimdMachine(UZP1_4S).q(1, 0x3L << 32 | 2, 0x1L << 32)
                .q(2, 0x13L << 32 | 0x12, 0x11L << 32 | 0x10));
        assertEquals(0x2L << 32, uzp.cpu.v[0]);
        assertEquals(0x12L << 32 | 0x10, uzp.cpu.v[1]);
        SimdMachine trn = run(new SimdMachine(TRN2_16B).q(1, 0, 0x0706050403020100L)
                .q(2, 0, 0x1716151413121110L));
        assertEquals(0x1707150513031101L, trn.cpu.v[0]);
    }

    @Test
    void xtn2WritesTheUpperHalfAndKeepsTheLower() {
        SimdMachine m = run(new SimdMachine(XTN2_16B).q(0, 0, 0x1234L).q(1, 0x0107_0106_0105_0104L,
                0x0103_0102_0101_0100L));
        assertEquals(0x1234L, m.cpu.v[0]);
        assertEquals(0x0706050403020100L, m.cpu.v[1]);
    }

    @Test
    void uqaddSaturatesAndSetsQc() {
        SimdMachine m = run(new SimdMachine(UQADD_16B).q(1, 0, 0xF0L).q(2, 0, 0x20L));
        assertEquals(0xFFL, m.cpu.v[0]);
        assertEquals(1 << 27, m.cpu.fpsr);
    }

    @Test
    void sshlShiftsRightArithmeticallyByANegativeCount() {
        SimdMachine m = run(new SimdMachine(SSHL_4S).q(1, 0, 0xFFFF_FF00L).q(2, 0, 0xFCL));
        assertEquals(0xFFFF_FFF0L, m.cpu.v[0]);
    }

    @Test
    void ushllWidensAndShifts() {
        SimdMachine m = run(new SimdMachine(USHLL_8H_3).q(1, -1L, 0x0000_0000_0000_FF01L));
        assertEquals(0x0000_0000_07F8_0008L, m.cpu.v[0]);
        assertEquals(0L, m.cpu.v[1]);
    }

    @Test
    void vectorFaddComputesEachLaneWithItsOwnRounding() {
        long ones = Float.floatToRawIntBits(1f) & 0xFFFF_FFFFL;
        long third = Float.floatToRawIntBits(1f / 3) & 0xFFFF_FFFFL;
        SimdMachine m = run(new SimdMachine(FADD_4S).q(1, ones | ones << 32, ones | ones << 32)
                .q(2, third | third << 32, ones));
        assertEquals(Float.floatToRawIntBits(2f), (int) m.cpu.v[0]);
        assertEquals(Float.floatToRawIntBits(1f + 1f / 3), (int) m.cpu.v[1]);
        assertEquals(16, m.cpu.fpsr);
    }

    @Test
    void sqshrnSaturatesEachNarrowedElementAndSetsQc() {
        // sqshrn v0.8b, v1.8h, #4: 0x7FF0 >> 4 = 0x7FF saturates to 0x7F, 0x8000 >> 4 to 0x80, 0x0120 >> 4 = 0x12.
        SimdMachine m = run(new SimdMachine(0x0F0C9420).q(1, 0, 0x0000_0120_8000_7FF0L));
        assertEquals(0x0000_0000_1280_7FL, m.cpu.v[0]);
        assertEquals(1 << 27, m.cpu.fpsr);
    }

    @Test
    void srshlRoundsARightShiftToNearest() {
        // srshl v0.4s, v1.4s, v2.4s with a shift of -2: 6 -> 2 (1.5 rounds up), -6 -> -1 (-1.5 rounds up).
        SimdMachine m = run(new SimdMachine(0x4EA25420).q(1, 0, 0xFFFF_FFFA_0000_0006L)
                .q(2, 0, 0x0000_00FE_0000_00FEL));
        assertEquals(0xFFFF_FFFF_0000_0002L, m.cpu.v[0]);
        assertEquals(0, m.cpu.fpsr);
    }

    @Test
    void sqshluClampsNegativeInputsToZero() {
        SimdMachine m = run(new SimdMachine(0x6F096420).q(1, 0, 0x0000_0000_0000_40F0L));
        assertEquals(0x0000_0000_0000_8000L, m.cpu.v[0]);
        assertEquals(1 << 27, m.cpu.fpsr);
    }

    @Test
    void sqdmulhSaturatesOnlyTheMostNegativeSquare() {
        // sqdmulh v0.8h, v1.8h, v2.8h: (2 * 0x4000 * 0x4000) >> 16 = 0x2000; (-0x8000)^2 doubled saturates.
        SimdMachine m = run(new SimdMachine(0x4E62B420).q(1, 0, 0x8000_4000L).q(2, 0, 0x8000_4000L));
        assertEquals(0x7FFF_2000L, m.cpu.v[0]);
        assertEquals(1 << 27, m.cpu.fpsr);
    }

    @Test
    void sqabsOfTheMostNegativeByteSaturates() {
        SimdMachine m = run(new SimdMachine(0x4E207820).q(1, 0, 0x80FFL));
        assertEquals(0x7F01L, m.cpu.v[0]);
        assertEquals(1 << 27, m.cpu.fpsr);
    }
}
