package io.huruhuru.sel4.cpu;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class DataProcessingImmediateTest {
    @Test
    void adrAndAdrpAreRelativeToTheInstructionAndItsPage() {
        Machine m = Machine.of("nop\nadr x1, . + 8\n.inst 0xf0000002 // adrp x2, . + 0x3000 (an object file leaves a relocation here)\nadr x3, . - 4");
        m.runToEnd();
        assertEquals(Machine.CODE + 4 + 8, m.x(1));
        assertEquals(Machine.CODE + 0x3000, m.x(2));
        assertEquals(Machine.CODE + 12 - 4, m.x(3));
    }

    @Test
    void addAndSubtractImmediateUseSpAndTheTwelveBitShift() {
        Machine m = Machine.of("mov x0, sp\nadd x1, sp, #0x10\nsub sp, sp, #1, lsl #12\nadd w2, w0, #4095\n"
                + "sub x3, x0, #1, lsl #12");
        m.runToEnd();
        assertEquals(Machine.STACK_TOP, m.x(0));
        assertEquals(Machine.STACK_TOP + 0x10, m.x(1));
        assertEquals(Machine.STACK_TOP - 0x1000, m.cpu.sp);
        assertEquals((Machine.STACK_TOP + 4095) & 0xFFFF_FFFFL, m.x(2));
        assertEquals(Machine.STACK_TOP - 0x1000, m.x(3));
    }

    @Test
    void moveWideBuildsAConstantHalfwordByHalfword() {
        Machine m = Machine.of("movz x0, #0x1234, lsl #48\nmovk x0, #0xabcd, lsl #16\nmovn x1, #0\nmovn w2, #0x5, lsl #16\n"
                + "mov x3, #-1\nmovk w3, #7");
        m.runToEnd();
        assertEquals(0x1234_0000_ABCD_0000L, m.x(0));
        assertEquals(-1L, m.x(1));
        assertEquals(0xFFFA_FFFFL, m.x(2));
        assertEquals(0xFFFF_0007L, m.x(3), "a W write clears bits 63..32");
    }

    @Test
    void logicalImmediateTargetsSpAndAndsSetsNAndZ() {
        Machine m = Machine.of("mov x1, #-1\nand sp, x1, #0xfffffffffffffff0\nmov x2, #0xff\n"
                + "eor w3, w2, #0x0f0f0f0f\nands x4, x2, #0x100");
        m.runToEnd();
        assertEquals(-16L, m.cpu.sp);
        assertEquals(0x0F0F_0FF0L, m.x(3));
        assertEquals(0, m.x(4));
        assertEquals(Alu.Z, m.cpu.nzcv);
    }

    @Test
    void bitfieldAliasesExtractInsertAndExtend() {
        Machine m = Machine.of("""
                movz x0, #0xf0f0
                movk x0, #0x8123, lsl #48
                ubfx x1, x0, #4, #8
                sbfx x2, x0, #60, #4
                lsl x3, x0, #8
                lsr x4, x0, #60
                asr x5, x0, #60
                mov x6, #-1
                bfi x6, x0, #8, #16
                mov x7, #0
                bfxil x7, x0, #4, #4
                sxtw x8, w0
                mov w9, #0x80
                sxtb w10, w9
                uxth w11, w6
                lsl w12, w9, #25
                asr w13, w12, #31
                ubfiz x14, x6, #60, #4
                """);
        m.runToEnd();
        assertEquals(0x0FL, m.x(1));
        assertEquals(-8L, m.x(2));
        assertEquals(0x2300_0000_00F0_F000L, m.x(3));
        assertEquals(0x8L, m.x(4));
        assertEquals(-8L, m.x(5));
        assertEquals(0xFFFF_FFFF_FFF0_F0FFL, m.x(6));
        assertEquals(0xFL, m.x(7));
        assertEquals(0xF0F0L, m.x(8));
        assertEquals(0xFFFF_FF80L, m.x(10));
        assertEquals(0xF0FFL, m.x(11));
        assertEquals(0L, m.x(12));
        assertEquals(0L, m.x(13));
        assertEquals(0xF000_0000_0000_0000L, m.x(14));
    }

    @Test
    void extractTakesAWindowOfTheConcatenation() {
        Machine m = Machine.of("mov x1, #0x1234\nmov x2, #0x5678\nextr x3, x1, x2, #8\nextr w4, w1, w2, #4\nror x5, x2, #4");
        m.runToEnd();
        assertEquals(0x3400_0000_0000_0056L, m.x(3));
        assertEquals(0x4000_0567L, m.x(4));
        assertEquals(0x8000_0000_0000_0567L, m.x(5));
    }
}
