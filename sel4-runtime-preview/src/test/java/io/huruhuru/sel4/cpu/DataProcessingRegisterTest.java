package io.huruhuru.sel4.cpu;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class DataProcessingRegisterTest {
    @Test
    void shiftedLogicalOperationsInvertAndShiftTheSecondOperand() {
        Machine m = Machine.of("""
                mov x1, #0xff00
                mov x2, #0x0ff0
                and x3, x1, x2, lsl #4
                bic x4, x1, x2
                orn w5, wzr, w2
                eon x6, x1, x2, ror #8
                orr x7, xzr, x1, asr #4
                mov x8, #0x8000000000000000
                orr x9, xzr, x8, asr #3
                mvn w10, w1, lsr #8
                """);
        m.runToEnd();
        assertEquals(0xFF00L, m.x(3));
        assertEquals(0xF000L, m.x(4));
        assertEquals(0xFFFF_F00FL, m.x(5));
        assertEquals(~(0xFF00L ^ Long.rotateRight(0x0FF0L, 8)), m.x(6));
        assertEquals(0xFF0L, m.x(7));
        assertEquals(0xF000_0000_0000_0000L, m.x(9));
        assertEquals(0xFFFF_FF00L, m.x(10));
    }

    @Test
    void addAndSubtractShiftedAndExtendedRegisters() {
        Machine m = Machine.of("""
                mov x1, #100
                mov x2, #-3
                add x3, x1, x2, lsl #2
                sub w4, w1, w2, asr #1
                add x5, sp, w2, sxtw #3
                add x6, x1, w2, uxtb
                sub sp, sp, x1, uxtx #1
                add w7, w1, w2, sxth
                neg x8, x1, lsr #2
                """);
        m.runToEnd();
        assertEquals(88, m.x(3));
        assertEquals(102, m.x(4));
        assertEquals(Machine.STACK_TOP - 24, m.x(5));
        assertEquals(100 + 0xFD, m.x(6));
        assertEquals(Machine.STACK_TOP - 200, m.cpu.sp);
        assertEquals(97, m.x(7));
        assertEquals(-25L, m.x(8));
    }

    @Test
    void conditionalSelectFamilyPicksByTheCondition() {
        Machine m = Machine.of("""
                mov x1, #5
                mov x2, #9
                cmp x1, x2
                csel x3, x1, x2, lt
                csinc x4, x1, x2, ge
                csinv x5, x1, x2, ge
                csneg x6, x1, x2, ge
                cset w7, lo
                csetm x8, eq
                cinc w9, w2, ne
                """);
        m.runToEnd();
        assertEquals(5, m.x(3));
        assertEquals(10, m.x(4));
        assertEquals(~9L, m.x(5));
        assertEquals(-9L, m.x(6));
        assertEquals(1, m.x(7));
        assertEquals(0, m.x(8));
        assertEquals(10, m.x(9));
    }

    @Test
    void conditionalCompareEitherComparesOrSetsTheImmediateFlags() {
        Machine m = Machine.of("mov x1, #3\nmov x2, #3\ncmp x1, #0\nccmp x1, x2, #0, ne\ncset x3, eq\n"
                + "cmp x1, #3\nccmp x1, #5, #2, ne\nmrs x4, nzcv\ncmp x1, #3\nccmn w1, #3, #0, eq\ncset x5, gt");
        m.runToEnd();
        assertEquals(1, m.x(3));
        assertEquals(0x2000_0000L, m.x(4));
        assertEquals(1, m.x(5));
    }

    @Test
    void multiplyFamilyIncludingLongAndHighHalves() {
        Machine m = Machine.of("""
                mov x1, #-7
                mov x2, #6
                mov x3, #100
                mul x4, x1, x2
                madd x5, x1, x2, x3
                msub x6, x1, x2, x3
                smull x7, w1, w2
                umull x8, w1, w2
                smaddl x9, w1, w2, x3
                umsubl x10, w2, w2, x3
                smulh x11, x1, x2
                umulh x12, x1, x2
                mneg w13, w1, w2
                """);
        m.runToEnd();
        assertEquals(-42L, m.x(4));
        assertEquals(58L, m.x(5));
        assertEquals(142L, m.x(6));
        assertEquals(-42L, m.x(7));
        assertEquals(0xFFFF_FFF9L * 6, m.x(8));
        assertEquals(58L, m.x(9));
        assertEquals(64L, m.x(10));
        assertEquals(-1L, m.x(11));
        assertEquals(5L, m.x(12));
        assertEquals(42L, m.x(13));
    }

    @Test
    void divisionByZeroGivesZeroAndMinOverMinusOneWraps() {
        Machine m = Machine.of("""
                mov x1, #-7
                mov x2, #2
                sdiv x3, x1, x2
                udiv x4, x1, x2
                sdiv x5, x1, xzr
                udiv w6, w1, wzr
                mov x7, #0x8000000000000000
                mov x8, #-1
                sdiv x9, x7, x8
                mov w10, #0x80000000
                sdiv w11, w10, w8
                sdiv w12, w1, w2
                """);
        m.runToEnd();
        assertEquals(-3L, m.x(3));
        assertEquals(Long.divideUnsigned(-7L, 2), m.x(4));
        assertEquals(0, m.x(5));
        assertEquals(0, m.x(6));
        assertEquals(Long.MIN_VALUE, m.x(9));
        assertEquals(0x8000_0000L, m.x(11));
        assertEquals(0xFFFF_FFFDL, m.x(12));
    }

    @Test
    void variableShiftsUseTheAmountModuloTheWidth() {
        Machine m = Machine.of("""
                mov x1, #0x8000000000000001
                mov x2, #65
                lsl x3, x1, x2
                lsr x4, x1, x2
                asr x5, x1, x2
                ror x6, x1, x2
                mov w7, #0x80000001
                mov w8, #33
                lsl w9, w7, w8
                asr w10, w7, w8
                ror w11, w7, w8
                """);
        m.runToEnd();
        assertEquals(2L, m.x(3));
        assertEquals(0x4000_0000_0000_0000L, m.x(4));
        assertEquals(0xC000_0000_0000_0000L, m.x(5));
        assertEquals(0xC000_0000_0000_0000L, m.x(6));
        assertEquals(2L, m.x(9));
        assertEquals(0xC000_0000L, m.x(10));
        assertEquals(0xC000_0000L, m.x(11));
    }

    @Test
    void bitCountsAndByteReversals() {
        Machine m = Machine.of("""
                mov x1, #0x00ff
                movk x1, #0x0102, lsl #48
                clz x2, x1
                clz w3, wzr
                cls x4, xzr
                mov x5, #-2
                cls w6, w5
                rbit x7, x1
                rev x8, x1
                rev16 x9, x1
                rev32 x10, x1
                rev w11, w1
                cls x12, x1
                """);
        m.runToEnd();
        assertEquals(7, m.x(2));
        assertEquals(32, m.x(3));
        assertEquals(63, m.x(4));
        assertEquals(30, m.x(6));
        assertEquals(Long.reverse(0x0102_0000_0000_00FFL), m.x(7));
        assertEquals(0xFF00_0000_0000_0201L, m.x(8));
        assertEquals(0x0201_0000_0000_FF00L, m.x(9));
        assertEquals(0x0000_0201_FF00_0000L, m.x(10));
        assertEquals(0xFF00_0000L, m.x(11));
        assertEquals(6, m.x(12));
    }
}
