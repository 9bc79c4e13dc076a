package io.huruhuru.sel4.cpu;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class BlockCacheTest {
    @Test
    void storeOverDecodedCodeRunsTheNewInstructionNextTime() {
        // given code on a writable and executable page that patches its own "mov x0, #1" into "mov x0, #2"
        Machine m = new Machine();
        m.memory.map(Machine.CODE, 1, true, true, true);
        m.load(Assembler.assemble("""
                mov x3, #0
                again: bl target
                cbnz x3, done
                mov x3, #1
                ldr w2, patch
                adr x4, target
                str w2, [x4]
                b again
                target: mov x0, #1
                ret
                patch: mov x0, #2
                done: svc #0
                """));
        // when it runs the target, patches it, and runs it again
        m.runToEnd();
        // then the second call ran the patched instruction, not the cached decode
        assertEquals(2, m.x(0));
    }

    @Test
    void icIvauDecodesAgainCodeAnotherAgentWroteToThePage() {
        // given code that calls target once, stops, invalidates target's page with IC IVAU and calls it again
        Machine m = new Machine();
        m.load(Assembler.assemble("""
                adr x4, target
                bl target
                svc #0
                ic ivau, x4
                bl target
                svc #0
                target: mov x0, #1
                ret
                """));
        assertEquals(new Stop.SupervisorCall(Machine.CODE + 8, 0), m.cpu.run(Machine.BUDGET));
        assertEquals(1, m.x(0));
        // when something other than the cpu (a DMA, the kernel's copy) rewrites target as "mov x0, #2"
        m.memory.writeLong(Machine.CODE + 24, 0xD280_0040L, 4);
        m.runToEnd();
        // then the call after IC IVAU ran the new instruction, not the block decoded before
        assertEquals(2, m.x(0));
    }

    @Test
    void budgetEndsARunInsideABlockWithExactCountAndPc() {
        Machine m = Machine.of("mov x0, #1\nmov x1, #2\nmov x2, #3\nmov x3, #4");
        assertEquals(new Stop.BudgetExhausted(3), m.cpu.run(3));
        assertEquals(Machine.CODE + 12, m.cpu.pc);
        assertEquals(3, m.x(2));
        assertEquals(0, m.x(3));
        assertEquals(new Stop.SupervisorCall(Machine.CODE + 16, 0), m.cpu.run(10));
        assertEquals(4, m.x(3));
        assertEquals(5, m.cpu.instructions());
    }

    @Test
    void blocksEndAtAPageBoundary() {
        Machine m = new Machine();
        int[] words = new int[1024 + 2];
        java.util.Arrays.fill(words, 0x9100_0400); // add x0, x0, #1
        words[1024] = 0x9100_0400;
        words[1025] = 0xD400_0001; // svc #0
        m.load(words);
        m.runToEnd();
        assertEquals(1025, m.x(0));
    }
}
