package io.huruhuru.sel4.cpu;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class ExclusivesTest {
    private static final String DATA = "movz x0, #0x1000, lsl #16\n";

    @Test
    void storeExclusiveSucceedsAfterALoadExclusiveOfTheSameAddress() {
        Machine m = Machine.of(DATA + "mov x1, #41\nstr x1, [x0]\nldaxr x2, [x0]\nadd x2, x2, #1\nstlxr w3, x2, [x0]\n"
                + "ldr x4, [x0]");
        m.runToEnd();
        assertEquals(0, m.x(3));
        assertEquals(42, m.x(4));
    }

    @Test
    void storeExclusiveFailsWithoutAMatchingMonitorAndStoresNothing() {
        Machine m = Machine.of(DATA + """
                mov x1, #5
                stxr w2, x1, [x0]
                ldxr w3, [x0]
                clrex
                stxr w4, x1, [x0]
                ldxr x5, [x0]
                add x12, x0, #8
                stxr w6, x1, [x12]
                ldxrb w7, [x0]
                stxr w8, x1, [x0]
                ldr x9, [x0]
                """);
        m.runToEnd();
        assertEquals(1, m.x(2), "no ldxr before");
        assertEquals(1, m.x(4), "cleared by clrex");
        assertEquals(1, m.x(6), "a different address");
        assertEquals(1, m.x(8), "a different size");
        assertEquals(0, m.x(9));
    }

    @Test
    void exclusivePairsMoveTwoRegistersAtomically() {
        Machine m = Machine.of(DATA + "mov x1, #1\nmov x2, #2\nstp x1, x2, [x0]\nldaxp x3, x4, [x0]\n"
                + "stlxp w5, x4, x3, [x0]\nldp x6, x7, [x0]\nldxp w8, w9, [x0]\nstxp w10, w9, w8, [x0]\nldr x11, [x0]");
        m.runToEnd();
        assertEquals(0, m.x(5));
        assertEquals(2, m.x(6));
        assertEquals(1, m.x(7));
        assertEquals(0, m.x(10));
        assertEquals(0x0000_0002_0000_0000L, m.x(11));
    }

    @Test
    void monitorDoesNotSurviveASupervisorCall() {
        Machine m = Machine.of(DATA + "ldxr x1, [x0]\nsvc #1\nstxr w2, x1, [x0]");
        assertEquals(new Stop.SupervisorCall(Machine.CODE + 8, 1), m.cpu.run(100));
        m.runToEnd();
        assertEquals(1, m.x(2));
    }

    @Test
    void orderedAccessesAreLoadsAndStores() {
        Machine m = Machine.of(DATA + "mov x1, #0x77\nstlr x1, [x0]\nldar x2, [x0]\nstlrb w1, [x0, #0]\nldarh w3, [x0]\n"
                + "ldapr x4, [x0]\nldaprb w5, [x0]");
        m.runToEnd();
        assertEquals(0x77, m.x(2));
        assertEquals(0x77, m.x(3));
        assertEquals(0x77, m.x(4));
        assertEquals(0x77, m.x(5));
    }

    @Test
    void compareAndSwapStoresOnlyOnAMatchAndReturnsTheOldValue() {
        Machine m = Machine.of(DATA + """
                mov x1, #10
                str x1, [x0]
                mov x2, #10
                mov x3, #20
                casal x2, x3, [x0]
                mov x4, #10
                mov x5, #30
                cas x4, x5, [x0]
                ldr x6, [x0]
                mov w7, #20
                mov w8, #0x1ff
                casb w7, w8, [x0]
                ldr x9, [x0]
                """);
        m.runToEnd();
        assertEquals(10, m.x(2));
        assertEquals(20, m.x(4));
        assertEquals(20, m.x(6));
        assertEquals(20, m.x(7));
        assertEquals(0xFF, m.x(9));
    }

    @Test
    void compareAndSwapPairComparesBothHalves() {
        Machine m = Machine.of(DATA + """
                mov x1, #1
                mov x2, #2
                stp x1, x2, [x0]
                mov x4, #1
                mov x5, #2
                mov x6, #7
                mov x7, #8
                caspal x4, x5, x6, x7, [x0]
                ldp x8, x9, [x0]
                mov x10, #7
                mov x11, #0
                casp x10, x11, x4, x5, [x0]
                ldp x12, x13, [x0]
                """);
        m.runToEnd();
        assertEquals(1, m.x(4));
        assertEquals(2, m.x(5));
        assertEquals(7, m.x(8));
        assertEquals(8, m.x(9));
        assertEquals(7, m.x(10), "the old pair comes back on a mismatch");
        assertEquals(8, m.x(11));
        assertEquals(7, m.x(12), "a mismatch in the second half stores nothing");
        assertEquals(8, m.x(13));
    }

    @Test
    void atomicMemoryOperationsReturnTheOldValueAndStoreTheResult() {
        Machine m = Machine.of(DATA + """
                mov x1, #0xf0
                str x1, [x0]
                mov x2, #0x0f
                ldaddal x2, x3, [x0]
                ldclr x2, x4, [x0]
                ldeor x2, x5, [x0]
                ldset x2, x6, [x0]
                swpal x1, x7, [x0]
                mov w10, #-3
                str w10, [x0, #8]
                mov w11, #2
                add x12, x0, #8
                ldsmax w11, w13, [x12]
                ldr w14, [x12]
                ldumin w11, w15, [x12]
                ldr w16, [x12]
                stadd x2, [x0]
                ldr x17, [x0]
                ldsminb w11, w18, [x12]
                """);
        m.runToEnd();
        assertEquals(0xF0, m.x(3));
        assertEquals(0xFF, m.x(4));
        assertEquals(0xF0, m.x(5));
        assertEquals(0xFF, m.x(6));
        assertEquals(0xFF, m.x(7));
        assertEquals(0xFFFF_FFFDL, m.x(13));
        assertEquals(2, m.x(14));
        assertEquals(2, m.x(15));
        assertEquals(2, m.x(16));
        assertEquals(0xFF, m.x(17));
        assertEquals(2, m.x(18));
    }
}
