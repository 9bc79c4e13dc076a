package io.huruhuru.sel4.cpu;

/** A cpu over a small address space: code at {@link #CODE}, read-write data at {@link #DATA}, a stack below {@link #STACK_TOP}. */
final class Machine {
    static final long CODE = 0x40_0000L;
    static final long DATA = 0x1000_0000L;
    static final long STACK_TOP = 0x7FFF_0000L;
    static final long BUDGET = 1_000_000;

    final TestMemory memory = new TestMemory();
    final Cpu cpu = new Cpu(memory);

    Machine() {
        memory.map(CODE, 4, true, false, true);
        memory.map(DATA, 4, true, true, false);
        memory.map(STACK_TOP - 4 * 4096, 4, true, true, false);
        cpu.sp = STACK_TOP;
        cpu.pc = CODE;
    }

    /** A machine whose code is {@code source} followed by {@code svc #0}. */
    static Machine of(String source) {
        Machine machine = new Machine();
        machine.load(Assembler.assemble(source + "\nsvc #0"));
        return machine;
    }

    void load(int[] words) {
        memory.writeWords(CODE, words);
    }

    /** Runs to the program's final svc, failing on any other stop. */
    Machine runToEnd() {
        Stop stop = cpu.run(BUDGET);
        if (!(stop instanceof Stop.SupervisorCall)) {
            throw new AssertionError("expected the closing svc, got " + stop);
        }
        return this;
    }

    long x(int n) {
        return cpu.x[n];
    }
}
