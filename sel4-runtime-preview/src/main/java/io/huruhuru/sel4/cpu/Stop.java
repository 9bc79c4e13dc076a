package io.huruhuru.sel4.cpu;

/** Why {@link Cpu#run} returned. */
public sealed interface Stop {
    /** svc #imm at pc; cpu.pc already points past it (as seL4/Linux resume). */
    record SupervisorCall(long pc, int imm) implements Stop { }

    /** seL4_Fault_VMFault: IP, Addr, PrefetchFault (instruction fetch), FSR (ESR ISS as seL4 reports it). */
    record VmFault(long ip, long address, boolean instructionFault, long fsr) implements Stop { }

    /** seL4_Fault_UserException for an unallocated or unimplemented encoding. */
    record UndefinedInstruction(long ip, int bits) implements Stop { }

    /** The instruction budget ran out after {@code executed} instructions of this run. */
    record BudgetExhausted(long executed) implements Stop { }
}
