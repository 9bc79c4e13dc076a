package io.huruhuru.sel4.cpu;

/** One decoded A64 instruction. It never changes {@code cpu.pc} unless it is a branch (only the cpu package has branches). */
@FunctionalInterface
public interface Instruction {
    void execute(Cpu cpu);
}
