package io.huruhuru.sel4.cpu;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class SystemTest {
    @Test
    void supervisorCallStopsPastItselfWithItsImmediate() {
        Machine m = Machine.of("mov x8, #93\nsvc #0x1234\nmov x8, #64");
        assertEquals(new Stop.SupervisorCall(Machine.CODE + 4, 0x1234), m.cpu.run(100));
        assertEquals(Machine.CODE + 8, m.cpu.pc);
        assertEquals(2, m.cpu.instructions());
        m.runToEnd();
        assertEquals(64, m.x(8));
    }

    @Test
    void threadPointerAndFlagsMoveThroughMrsAndMsr() {
        Machine m = Machine.of("mov x1, #0x5000\nmsr tpidr_el0, x1\nmrs x2, tpidr_el0\nmov x3, #0x60000000\nmsr nzcv, x3\n"
                + "mrs x4, nzcv\nmov x5, #0x00c00000\nmsr fpcr, x5\nmrs x6, fpcr\nmov x7, #0x1f\nmsr fpsr, x7\nmrs x8, fpsr");
        m.runToEnd();
        assertEquals(0x5000, m.cpu.tpidrEl0);
        assertEquals(0x5000, m.x(2));
        assertEquals(0x6000_0000L, m.x(4));
        assertEquals(0x6000_0000, m.cpu.nzcv);
        assertEquals(0x00C0_0000L, m.x(6));
        assertEquals(0x1F, m.x(8));
    }

    @Test
    void identificationRegistersReadTheDocumentedValues() {
        Machine m = Machine.of("mrs x1, midr_el1\nmrs x2, mpidr_el1\nmrs x3, id_aa64isar0_el1\nmrs x4, id_aa64pfr0_el1\n"
                + "mrs x5, dczid_el0\nmrs x6, ctr_el0\nmrs x7, cntfrq_el0\nmrs x8, id_aa64mmfr2_el1\nmrs x9, id_aa64isar1_el1");
        m.runToEnd();
        assertEquals(0x410F_D083L, m.x(1));
        assertEquals(0x8000_0000L, m.x(2));
        assertEquals(0x0020_0000L, m.x(3));
        assertEquals(0x11L, m.x(4));
        assertEquals(4, m.x(5));
        assertEquals(0x8444_C004L, m.x(6));
        assertEquals(100_000_000L, m.x(7));
        assertEquals(0, m.x(8));
        assertEquals(0x0010_0000L, m.x(9));
    }

    @Test
    void virtualCounterAdvancesWithRetiredInstructions() {
        Machine m = Machine.of("nop\nmrs x1, cntvct_el0\nmov x0, #100\n1: subs x0, x0, #1\nb.ne 1b\nnop\nmrs x2, cntvct_el0");
        m.runToEnd();
        assertEquals(1, m.x(1));
        assertEquals(3 + 2 * 100 + 1, m.x(2));
    }

    @Test
    void dcZvaZeroesTheAlignedSixtyFourByteBlock() {
        Machine m = Machine.of("movz x0, #0x1000, lsl #16\nmov x1, #-1\nmov x2, #0\n1: str x1, [x0, x2]\nadd x2, x2, #8\n"
                + "cmp x2, #256\nb.ne 1b\nadd x3, x0, #77\ndc zva, x3\ndc cvau, x3\nic ivau, x3\ndc civac, x3");
        m.runToEnd();
        for (int offset = 0; offset < 256; offset += 8) {
            long expected = offset >= 64 && offset < 128 ? 0 : -1L;
            assertEquals(expected, m.memory.readLong(Machine.DATA + offset, 8), "offset " + offset);
        }
    }

    @Test
    void hintsAndBarriersExecuteAsNoOperations() {
        Machine m = Machine.of("mov x30, #8\nbti c\npaciasp\nautiasp\nxpaclri\nyield\nnop\ndmb ish\ndsb sy\nisb\n"
                + "csdb\nmov x0, #1");
        m.runToEnd();
        assertEquals(1, m.x(0));
        assertEquals(8, m.x(30));
    }

    @Test
    void unallocatedAndUnimplementedEncodingsStopWithTheirBits() {
        // udf #0, brk #0, an msr to PSTATE, retaa, and size 3 / opc 2 in the unprivileged form (no "prftm")
        int[][] cases = {{0x0000_0000}, {0xD4200000}, {0xD503_4BFF}, {0xD65F0BFF}, {0xF880_0800}};
        for (int[] words : cases) {
            Machine m = new Machine();
            m.load(new int[] {0xD2800020, words[0]}); // mov x0, #1 ; the word under test
            assertEquals(new Stop.UndefinedInstruction(Machine.CODE + 4, words[0]), m.cpu.run(100));
            assertEquals(1, m.cpu.instructions());
            assertEquals(Machine.CODE + 4, m.cpu.pc);
            assertEquals(1, m.x(0));
        }
    }

    @Test
    void systemRegistersOutsideEl0sViewAreUndefined() {
        int[] words = Assembler.assemble("mrs x0, sctlr_el1\nmsr tpidr_el1, x0\nmsr daifset, #2");
        for (int word : words) {
            Machine m = new Machine();
            m.load(new int[] {word});
            assertEquals(new Stop.UndefinedInstruction(Machine.CODE, word), m.cpu.run(10));
        }
    }
}
