package io.huruhuru.sel4.cpu;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class BranchesTest {
    @Test
    void callAndReturnThroughTheLinkRegister() {
        Machine m = Machine.of("""
                mov x0, #0
                bl f
                add x0, x0, #100
                adr x2, g
                blr x2
                b end
                f: add x0, x0, #1
                ret
                g: add x0, x0, #10
                mov x3, x30
                adr x4, h
                br x4
                mov x0, #0
                h: ret x3
                end: nop
                """);
        m.runToEnd();
        assertEquals(111, m.x(0));
        assertEquals(Machine.CODE + 20, m.x(30));
    }

    @Test
    void compareAndTestBranchesLookAtTheRightBits() {
        Machine m = Machine.of("""
                mov x0, #0
                mov x1, #0x100000000
                cbz w1, 1f
                add x0, x0, #1
                1: cbnz x1, 2f
                add x0, x0, #2
                2: tbnz x1, #32, 3f
                add x0, x0, #4
                3: tbz x1, #31, 4f
                add x0, x0, #8
                4: cbz x1, 5f
                add x0, x0, #16
                5: nop
                """);
        m.runToEnd();
        assertEquals(16, m.x(0));
    }

    @Test
    void everyConditionCodeMatchesItsDefinition() {
        Cpu cpu = new Cpu(new TestMemory());
        for (int flags = 0; flags < 16; flags++) {
            cpu.nzcv = flags << 28;
            boolean n = (flags & 8) != 0;
            boolean z = (flags & 4) != 0;
            boolean c = (flags & 2) != 0;
            boolean v = (flags & 1) != 0;
            boolean[] expected = {z, !z, c, !c, n, !n, v, !v, c && !z, !(c && !z), n == v, n != v, !z && n == v,
                !(!z && n == v), true, true};
            for (int cond = 0; cond < 16; cond++) {
                assertEquals(expected[cond], cpu.conditionHolds(cond), "cond " + cond + " flags " + flags);
            }
        }
    }

    @Test
    void conditionalBranchFollowsTheFlagsOfACompare() {
        Machine m = Machine.of("""
                mov x0, #0
                mov x1, #-1
                cmp x1, #1
                b.lt 1f
                add x0, x0, #1
                1: b.hi 2f
                add x0, x0, #2
                2: b.eq 3f
                add x0, x0, #4
                3: nop
                """);
        m.runToEnd();
        assertEquals(4, m.x(0));
        assertTrue(m.cpu.conditionHolds(0b1000));
        assertFalse(m.cpu.conditionHolds(0b0000));
    }

    @Test
    void aLoopRunsToCompletionAcrossManyBlocks() {
        Machine m = Machine.of("mov x0, #0\nmov x1, #1000\n1: add x0, x0, x1\nsubs x1, x1, #1\nb.ne 1b");
        m.runToEnd();
        assertEquals(500_500, m.x(0));
        assertEquals(2 + 3 * 1000 + 1, m.cpu.instructions());
    }
}
