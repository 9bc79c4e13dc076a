package io.huruhuru.sel4.cpu;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

/** VM faults as seL4 delivers them on AArch64: FSR = ESR_EL1 (EC, IL, ISS with DFSC/IFSC and WnR). */
class FaultsTest {
    private static final long DATA_TRANSLATION_READ = 0x9200_0007L;
    private static final long DATA_TRANSLATION_WRITE = 0x9200_0047L;
    private static final long DATA_PERMISSION_WRITE = 0x9200_004FL;
    private static final long INSTRUCTION_TRANSLATION = 0x8200_0007L;
    private static final long INSTRUCTION_PERMISSION = 0x8200_000FL;

    @Test
    void loadFromAnUnmappedAddressIsATranslationFaultAtTheLoad() {
        Machine m = Machine.of("mov x1, #7\nmov x0, #0x10\nldr x2, [x0, #8]\nmov x1, #9");
        Stop stop = m.cpu.run(100);
        assertEquals(new Stop.VmFault(Machine.CODE + 8, 0x18, false, DATA_TRANSLATION_READ), stop);
        assertEquals(Machine.CODE + 8, m.cpu.pc);
        assertEquals(2, m.cpu.instructions());
        assertEquals(7, m.x(1));
    }

    @Test
    void storeToANullPointerSetsWriteNotRead() {
        Machine m = Machine.of("mov x1, #1\nstr x1, [xzr]".replace("xzr", "x2"));
        assertEquals(new Stop.VmFault(Machine.CODE + 4, 0, false, DATA_TRANSLATION_WRITE), m.cpu.run(100));
    }

    @Test
    void storeToReadOnlyCodeIsAPermissionFaultAndChangesNothing() {
        Machine m = Machine.of("adr x0, .\nmov x1, #-1\nstr x1, [x0]");
        int before = (int) m.memory.readLong(Machine.CODE, 4);
        assertEquals(new Stop.VmFault(Machine.CODE + 8, Machine.CODE, false, DATA_PERMISSION_WRITE), m.cpu.run(100));
        assertEquals(before, (int) m.memory.readLong(Machine.CODE, 4));
    }

    @Test
    void storePairAcrossIntoAReadOnlyPageWritesNeitherHalf() {
        Machine m = Machine.of("movz x0, #0x1000, lsl #16\nmov x3, #0x3ff8\nadd x0, x0, x3\nmov x1, #-1\nstp x1, x1, [x0]");
        m.memory.map(Machine.DATA + 0x4000, 1, true, false, false);
        Stop stop = m.cpu.run(100);
        assertEquals(new Stop.VmFault(Machine.CODE + 16, Machine.DATA + 0x4000, false, DATA_PERMISSION_WRITE), stop);
        assertEquals(0, m.memory.readLong(Machine.DATA + 0x3FF8, 8));
    }

    @Test
    void branchToAnUnmappedAddressIsAnInstructionTranslationFaultAtTheTarget() {
        Machine m = Machine.of("mov x0, #0x9000\nbr x0");
        assertEquals(new Stop.VmFault(0x9000, 0x9000, true, INSTRUCTION_TRANSLATION), m.cpu.run(100));
        assertEquals(0x9000, m.cpu.pc);
    }

    @Test
    void branchToAMisalignedAddressIsAUserExceptionWithNoBits() {
        Machine m = Machine.of("adr x0, . + 6\nbr x0");
        assertEquals(new Stop.UndefinedInstruction(Machine.CODE + 6, 0), m.cpu.run(100));
        assertEquals(2, m.cpu.instructions());
    }

    @Test
    void fetchFromADataPageIsAnInstructionPermissionFault() {
        Machine m = Machine.of("movz x0, #0x1000, lsl #16\nblr x0");
        assertEquals(new Stop.VmFault(Machine.DATA, Machine.DATA, true, INSTRUCTION_PERMISSION), m.cpu.run(100));
        assertEquals(Machine.CODE + 8, m.x(30));
    }

    @Test
    void faultingLoadPairLeavesBothRegistersUnchanged() {
        Machine m = Machine.of("movz x0, #0x1000, lsl #16\nmov x3, #0x3ff8\nadd x0, x0, x3\nmov x1, #1\nmov x2, #2\nldp x1, x2, [x0]");
        Stop stop = m.cpu.run(100);
        assertEquals(new Stop.VmFault(Machine.CODE + 20, Machine.DATA + 0x4000, false, DATA_TRANSLATION_READ), stop);
        assertEquals(1, m.x(1));
        assertEquals(2, m.x(2));
    }

    @Test
    void misalignedExclusiveOrderedAndAtomicAccessesAreAlignmentFaults() {
        String setup = "movz x0, #0x1000, lsl #16\nadd x0, x0, #4\n";
        assertEquals(new Stop.VmFault(Machine.CODE + 8, Machine.DATA + 4, false, 0x9200_0021L),
                Machine.of(setup + "ldxr x1, [x0]").cpu.run(10));
        assertEquals(new Stop.VmFault(Machine.CODE + 8, Machine.DATA + 4, false, 0x9200_0061L),
                Machine.of(setup + "stlr x1, [x0]").cpu.run(10));
        assertEquals(new Stop.VmFault(Machine.CODE + 8, Machine.DATA + 4, false, 0x9200_0061L),
                Machine.of(setup + "ldadd x1, x2, [x0]").cpu.run(10));
        assertEquals(new Stop.VmFault(Machine.CODE + 8, Machine.DATA + 4, false, 0x9200_0021L),
                Machine.of(setup + "ldxp x1, x2, [x0]").cpu.run(10));
        Machine word = Machine.of(setup + "mov x1, #5\nldaxr w1, [x0]\nsub x5, x0, #4\nldxp w2, w3, [x5]\nldr x4, [x0, #-1]");
        word.runToEnd();
        assertEquals(0, word.x(1), "4-byte exclusives at a 4-byte boundary are aligned; plain loads need no alignment");
    }

    @Test
    void addressSpaceChangesAreSeenAfterTheCpuIsTold() {
        Machine m = Machine.of("movz x0, #0x1000, lsl #16\nldr x1, [x0]\nsvc #0\nldr x1, [x0]");
        assertEquals(new Stop.SupervisorCall(Machine.CODE + 8, 0), m.cpu.run(100));
        m.memory.unmap(Machine.DATA);
        m.cpu.addressSpaceChanged();
        assertEquals(new Stop.VmFault(Machine.CODE + 12, Machine.DATA, false, DATA_TRANSLATION_READ), m.cpu.run(100));
    }
}
