package io.huruhuru.sel4.cpu;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

/** NZCV after adds/subs/adcs/sbcs at both widths, at the carry and overflow boundaries (Arm ARM AddWithCarry). */
class FlagsTest {
    private static final int N = Alu.N;
    private static final int Z = Alu.Z;
    private static final int C = Alu.C;
    private static final int V = Alu.V;

    private static int flagsAfter(String setup, String operation) {
        Machine m = Machine.of(setup + "\n" + operation);
        m.runToEnd();
        return m.cpu.nzcv;
    }

    @Test
    void addsSets64BitCarryAndOverflowIndependently() {
        assertEquals(Z | C, flagsAfter("mov x1, #-1\nmov x2, #1", "adds x0, x1, x2"));
        assertEquals(N | V, flagsAfter("mov x1, #0x7fffffffffffffff\nmov x2, #1", "adds x0, x1, x2"));
        assertEquals(Z | C | V, flagsAfter("mov x1, #0x8000000000000000\nmov x2, x1", "adds x0, x1, x2"));
        assertEquals(0, flagsAfter("mov x1, #1\nmov x2, #2", "adds x0, x1, x2"));
    }

    @Test
    void addsSets32BitFlagsFromTheLowWordOnly() {
        assertEquals(Z | C, flagsAfter("mov x1, #0xffffffff\nmov x2, #1", "adds w0, w1, w2"));
        assertEquals(N | V, flagsAfter("mov x1, #0x7fffffff\nmov x2, #1", "adds w0, w1, w2"));
        assertEquals(Z, flagsAfter("mov x1, #0x100000000\nmov x2, #0", "adds w0, w1, w2"));
    }

    @Test
    void subsSetsCarryAsNotBorrow() {
        assertEquals(Z | C, flagsAfter("mov x1, #5", "cmp x1, #5"));
        assertEquals(N, flagsAfter("mov x1, #4", "cmp x1, #5"));
        assertEquals(C, flagsAfter("mov x1, #1", "cmp x1, #0"));
        assertEquals(C | V, flagsAfter("mov x1, #0x8000000000000000\nmov x2, #1", "subs x0, x1, x2"));
        assertEquals(N | V, flagsAfter("mov x1, #0\nmov x2, #0x8000000000000000", "subs x0, x1, x2"));
        assertEquals(C | V, flagsAfter("mov w1, #0x80000000\nmov w2, #1", "subs w0, w1, w2"));
        assertEquals(N | V, flagsAfter("mov w1, #0\nmov w2, #0x80000000", "subs w0, w1, w2"));
    }

    @Test
    void adcsAndSbcsConsumeTheCarry() {
        Machine m = Machine.of("mov x1, #-1\nmov x2, #1\nadds x0, x1, x2\nmov x3, #0\nadc x4, x3, x3\n"
                + "mov w5, #0xffffffff\nadcs w6, w5, wzr");
        m.runToEnd();
        assertEquals(1, m.x(4));
        assertEquals(0, m.x(6));
        assertEquals(Z | C, m.cpu.nzcv);
        Machine borrow = Machine.of("mov x1, #0\ncmp x1, #1\nmov x2, #10\nmov x3, #3\nsbc x4, x2, x3\n"
                + "cmp x1, #0\nsbcs x5, x2, x3\nmov w6, #0\nmov w7, #0\ncmp x1, #1\nsbcs w8, w6, w7");
        borrow.runToEnd();
        assertEquals(6, borrow.x(4), "carry clear: 10 - 3 - 1");
        assertEquals(7, borrow.x(5), "carry set: 10 - 3");
        assertEquals(0xFFFF_FFFFL, borrow.x(8));
        assertEquals(N, borrow.cpu.nzcv);
    }

    @Test
    void logicalFlagSettingClearsCarryAndOverflow() {
        assertEquals(N, flagsAfter("mov x1, #-1\ncmp x1, #0", "ands x0, x1, #0x8000000000000000"));
        assertEquals(Z, flagsAfter("mov x1, #0x100000000\nmov x2, #0x8000000000000000\nadds x3, x2, x2", "tst w1, w1"));
    }
}
