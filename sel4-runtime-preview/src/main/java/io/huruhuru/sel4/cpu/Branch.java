package io.huruhuru.sel4.cpu;

/** An instruction that may set {@code cpu.pc} or stop the run; it is always the last of its block. */
@FunctionalInterface
interface Branch extends Instruction { }
