package io.huruhuru.sel4.cpu.simd;

import static io.huruhuru.sel4.cpu.simd.ScalarFloatingPointTest.run;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;

import io.huruhuru.sel4.cpu.Stop;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import org.junit.jupiter.api.Test;

/** SIMD&FP loads and stores: register, pair, literal, structures, lanes, writeback, faults (words from as). */
class SimdLoadStoreTest {
    static final int LDP_Q0_Q1_POST_32 = 0xACC10400;  // ldp q0, q1, [x0], #32
    static final int STP_Q2_Q3_PRE_M32 = 0xADBF0C02;  // stp q2, q3, [x0, #-32]!
    static final int LDR_Q0_X0_X1_LSL4 = 0x3CE17800;  // ldr q0, [x0, x1, lsl #4]
    static final int LDR_D0_PC_16 = 0x5C000080;       // ldr d0, <pc + 16>
    static final int LD1_4REGS_POST_X1 = 0x4CC12000;  // ld1 {v0.16b-v3.16b}, [x0], x1
    static final int ST4_4S = 0x4C000800;             // st4 {v0.4s-v3.4s}, [x0]
    static final int LD1R_8H = 0x4D40C400;            // ld1r {v0.8h}, [x0]
    static final int LD1_S2 = 0x4D408000;             // ld1 {v0.s}[2], [x0]
    static final int LDR_B0_X0_1 = 0x3D400400;        // ldr b0, [x0, #1]
    static final int STR_Q0_X0 = 0x3D800000;          // str q0, [x0]
    static final int LD2_8B_POST_16 = 0x0CDF8000;     // ld2 {v0.8b, v1.8b}, [x0], #16

    private static ByteBuffer data(SimdMachine m) {
        return ByteBuffer.wrap(m.data).order(ByteOrder.LITTLE_ENDIAN);
    }

    private static SimdMachine counting(int... words) {
        SimdMachine m = new SimdMachine(words);
        for (int i = 0; i < 256; i++) {
            m.data[i] = (byte) i;
        }
        m.cpu.x[0] = SimdMachine.DATA;
        return m;
    }

    @Test
    void ldpOfQRegistersPostIndexedLoadsThirtyTwoBytesAndWritesBack() {
        SimdMachine m = run(counting(LDP_Q0_Q1_POST_32));
        assertEquals(0x0706050403020100L, m.cpu.v[0]);
        assertEquals(0x1F1E1D1C1B1A1918L, m.cpu.v[3]);
        assertEquals(SimdMachine.DATA + 32, m.cpu.x[0]);
    }

    @Test
    void stpPreIndexedStoresBelowTheBaseAndWritesBack() {
        SimdMachine m = new SimdMachine(STP_Q2_Q3_PRE_M32).q(2, 2, 1).q(3, 4, 3);
        m.cpu.x[0] = SimdMachine.DATA + 64;
        run(m);
        assertEquals(SimdMachine.DATA + 32, m.cpu.x[0]);
        assertEquals(1L, data(m).getLong(32));
        assertEquals(4L, data(m).getLong(56));
    }

    @Test
    void registerOffsetIsScaledBySixteenForQ() {
        SimdMachine m = counting(LDR_Q0_X0_X1_LSL4);
        m.cpu.x[1] = 2;
        run(m);
        assertEquals(0x2726252423222120L, m.cpu.v[0]);
    }

    @Test
    void ldrLiteralReadsRelativeToTheInstruction() {
        SimdMachine m = new SimdMachine(LDR_D0_PC_16, 0xD4000001, 0, 0, 0x89ABCDEF, 0x01234567);
        run(m);
        assertEquals(0x0123456789ABCDEFL, m.cpu.v[0]);
    }

    @Test
    void ld1OfFourRegistersPostIndexedByARegister() {
        SimdMachine m = counting(LD1_4REGS_POST_X1);
        m.cpu.x[1] = 100;
        run(m);
        assertEquals(0x3F3E3D3C3B3A3938L, m.cpu.v[7]);
        assertEquals(SimdMachine.DATA + 100, m.cpu.x[0]);
    }

    @Test
    void st4InterleavesFourRegistersElementByElement() {
        SimdMachine m = new SimdMachine(ST4_4S).q(0, 0, 0xA1L << 32 | 0xA0).q(1, 0, 0xB1L << 32 | 0xB0)
                .q(2, 0, 0xC0).q(3, 0, 0xD0);
        m.cpu.x[0] = SimdMachine.DATA;
        run(m);
        assertEquals(0xB0L << 32 | 0xA0, data(m).getLong(0));
        assertEquals(0xD0L << 32 | 0xC0, data(m).getLong(8));
        assertEquals(0xB1L << 32 | 0xA1, data(m).getLong(16));
    }

    @Test
    void ld1rReplicatesOneElement() {
        SimdMachine m = run(counting(LD1R_8H));
        assertEquals(0x0100_0100_0100_0100L, m.cpu.v[0]);
        assertEquals(0x0100_0100_0100_0100L, m.cpu.v[1]);
    }

    @Test
    void ld1OfALaneKeepsTheOtherLanes() {
        SimdMachine m = counting(LD1_S2).q(0, 0xAAAA_AAAA_AAAA_AAAAL, 0x5555L);
        run(m);
        assertEquals(0xAAAA_AAAA_0302_0100L, m.cpu.v[1]);
        assertEquals(0x5555L, m.cpu.v[0]);
    }

    @Test
    void aByteLoadZeroesTheRestOfTheRegister() {
        SimdMachine m = counting(LDR_B0_X0_1).q(0, -1L, -1L);
        run(m);
        assertEquals(1L, m.cpu.v[0]);
        assertEquals(0L, m.cpu.v[1]);
    }

    @Test
    void ld2DeinterleavesPairs() {
        SimdMachine m = run(counting(LD2_8B_POST_16));
        assertEquals(0x0E0C0A0806040200L, m.cpu.v[0]);
        assertEquals(0x0F0D0B0907050301L, m.cpu.v[2]);
        assertEquals(SimdMachine.DATA + 16, m.cpu.x[0]);
    }

    @Test
    void aStoreToAnUnmappedAddressIsADataFaultAtTheStore() {
        SimdMachine m = new SimdMachine(STR_Q0_X0);
        m.cpu.x[0] = 0x60_0000L;
        Stop stop = m.run();
        Stop.VmFault fault = assertInstanceOf(Stop.VmFault.class, stop);
        assertEquals(SimdMachine.CODE, fault.ip());
        assertEquals(0x60_0000L, fault.address());
        assertEquals(false, fault.instructionFault());
    }

    @Test
    void aFaultingPostIndexedLoadDoesNotWriteBack() {
        SimdMachine m = new SimdMachine(LDP_Q0_Q1_POST_32);
        m.cpu.x[0] = 0x60_0000L;
        assertInstanceOf(Stop.VmFault.class, m.run());
        assertEquals(0x60_0000L, m.cpu.x[0]);
    }

    @Test
    void aPairStoreWhoseSecondHalfFaultsWritesNothing() {
        SimdMachine m = new SimdMachine(STP_Q2_Q3_PRE_M32).q(2, -1L, -1L).q(3, -1L, -1L);
        m.cpu.x[0] = SimdMachine.DATA + 4096 + 16;
        Stop.VmFault fault = assertInstanceOf(Stop.VmFault.class, m.run());
        assertEquals(SimdMachine.DATA + 4096, fault.address() & ~0xFFFL);
        assertEquals(0L, data(m).getLong(4080));
        assertEquals(SimdMachine.DATA + 4096 + 16, m.cpu.x[0]);
    }

    @Test
    void aPairLoadWhoseSecondHalfFaultsLeavesBothRegisters() {
        SimdMachine m = counting(LDP_Q0_Q1_POST_32).q(0, 7, 7);
        m.cpu.x[0] = SimdMachine.DATA + 4080;
        assertInstanceOf(Stop.VmFault.class, m.run());
        assertEquals(7L, m.cpu.v[0]);
        assertEquals(7L, m.cpu.v[1]);
    }
}
