package io.huruhuru.sel4.cpu;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class LoadsStoresTest {
    private static final String DATA = "movz x0, #0x1000, lsl #16\n"; // x0 = Machine.DATA

    @Test
    void singleRegisterLoadsExtendBySizeAndSign() {
        Machine m = Machine.of(DATA + """
                ldrb w1, [x0]
                ldrsb x2, [x0]
                ldrsb w3, [x0]
                ldrh w4, [x0, #2]
                ldrsh x5, [x0, #2]
                ldr w6, [x0, #4]
                ldrsw x7, [x0, #4]
                ldr x8, [x0, #8]
                ldur x9, [x0, #1]
                ldtr w10, [x0, #4]
                """);
        m.memory.writeLong(Machine.DATA, 0x8877_6655_9000_80F0L, 8);
        m.memory.writeLong(Machine.DATA + 8, 0x0102_0304_0506_0708L, 8);
        m.runToEnd();
        assertEquals(0xF0, m.x(1));
        assertEquals(-16L, m.x(2));
        assertEquals(0xFFFF_FFF0L, m.x(3));
        assertEquals(0x9000, m.x(4));
        assertEquals(-0x7000L, m.x(5));
        assertEquals(0x8877_6655L, m.x(6));
        assertEquals(0xFFFF_FFFF_8877_6655L, m.x(7));
        assertEquals(0x0102_0304_0506_0708L, m.x(8));
        assertEquals(0x0888_7766_5590_0080L, m.x(9));
        assertEquals(0x8877_6655L, m.x(10));
    }

    @Test
    void storesWriteOnlyTheirSize() {
        Machine m = Machine.of(DATA + """
                mov x1, #-1
                str x1, [x0]
                mov x2, #0x1234
                strb w2, [x0]
                strh w2, [x0, #2]
                str w2, [x0, #8]
                stur x1, [x0, #15]
                """);
        m.runToEnd();
        assertEquals(0xFFFF_FFFF_1234_FF34L, m.memory.readLong(Machine.DATA, 8));
        assertEquals(0xFF00_0000_0000_1234L, m.memory.readLong(Machine.DATA + 8, 8));
        assertEquals(0x00FF_FFFF_FFFF_FFFFL, m.memory.readLong(Machine.DATA + 16, 8));
    }

    @Test
    void preAndPostIndexWriteTheAddressBack() {
        Machine m = Machine.of(DATA + """
                mov x1, #7
                str x1, [x0, #16]!
                mov x2, x0
                ldr x3, [x2], #-8
                mov x4, #9
                str x4, [sp, #-16]!
                ldr x5, [sp], #16
                strb w4, [x0, #1]!
                """);
        m.runToEnd();
        assertEquals(Machine.DATA + 17, m.x(0));
        assertEquals(7, m.x(3));
        assertEquals(Machine.DATA + 8, m.x(2));
        assertEquals(9, m.x(5));
        assertEquals(Machine.STACK_TOP, m.cpu.sp);
        assertEquals(9, m.memory.readLong(Machine.STACK_TOP - 16, 8));
    }

    @Test
    void registerOffsetsExtendAndScaleTheIndex() {
        Machine m = Machine.of(DATA + """
                mov x1, #3
                mov x2, #-1
                ldr x3, [x0, x1, lsl #3]
                ldr w4, [x0, w1, uxtw #2]
                add x5, x0, #8
                ldr x6, [x5, w2, sxtw #3]
                ldrb w7, [x0, x1]
                prfm pldl1keep, [x0, x1]
                prfum pldl1keep, [x0, #1]
                """);
        m.memory.writeLong(Machine.DATA, 0x0706_0504_0302_0100L, 8);
        m.memory.writeLong(Machine.DATA + 8, 0x0F0E_0D0C_0B0A_0908L, 8);
        m.memory.writeLong(Machine.DATA + 24, 0x4242L, 8);
        m.runToEnd();
        assertEquals(0x4242, m.x(3));
        assertEquals(0x0F0E_0D0CL, m.x(4));
        assertEquals(0x0706_0504_0302_0100L, m.x(6));
        assertEquals(3, m.x(7));
    }

    @Test
    void pairsTransferTwoRegistersInEveryMode() {
        Machine m = Machine.of(DATA + """
                mov x29, #0x29
                mov x30, #0x30
                stp x29, x30, [sp, #-16]!
                ldp x1, x2, [sp], #16
                mov w3, #-5
                mov w4, #6
                stp w3, w4, [x0, #8]
                ldp w5, w6, [x0, #8]
                ldpsw x7, x8, [x0, #8]
                stnp x29, x30, [x0, #32]
                ldnp x9, x10, [x0, #32]
                ldp x11, x12, [x0, #8]!
                """);
        m.runToEnd();
        assertEquals(0x29, m.x(1));
        assertEquals(0x30, m.x(2));
        assertEquals(Machine.STACK_TOP, m.cpu.sp);
        assertEquals(0xFFFF_FFFBL, m.x(5));
        assertEquals(6, m.x(6));
        assertEquals(-5L, m.x(7));
        assertEquals(6, m.x(8));
        assertEquals(0x29, m.x(9));
        assertEquals(0x30, m.x(10));
        assertEquals(Machine.DATA + 8, m.x(0));
    }

    @Test
    void literalLoadsReadRelativeToTheInstruction() {
        Machine m = Machine.of("ldr x1, value\nldr w2, value\nldrsw x3, value + 4\nprfm pldl1keep, value\nb after\n"
                + ".align 3\nvalue: .quad 0x80000000deadbeef\nafter: nop");
        m.runToEnd();
        assertEquals(0x8000_0000_DEAD_BEEFL, m.x(1));
        assertEquals(0xDEAD_BEEFL, m.x(2));
        assertEquals(0xFFFF_FFFF_8000_0000L, m.x(3));
    }

    @Test
    void unalignedAccessesAcrossAPageBoundaryAreAssembledFromBothPages() {
        Machine m = Machine.of(DATA + "add x1, x0, #4093\nldr x2, =0x1122334455667788\nstr x2, [x1]\nldr x3, [x1]\n"
                + "ldur w4, [x1, #1]");
        m.runToEnd();
        assertEquals(0x1122_3344_5566_7788L, m.x(3));
        assertEquals(0x4455_6677L, m.x(4));
        assertEquals(0x1122_3344_5566_7788L, m.memory.readLong(Machine.DATA + 4093, 8));
    }
}
