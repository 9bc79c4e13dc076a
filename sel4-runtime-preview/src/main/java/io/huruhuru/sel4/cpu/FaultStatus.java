package io.huruhuru.sel4.cpu;

/**
 * The FSR word of seL4_Fault_VMFault on AArch64: seL4's handleVMFault (src/arch/arm/64/kernel/vspace.c) passes
 * getDFSR()/getIFSR(), both defined as getESR() (include/arch/arm/arch/64/mode/machine.h), so it is the whole ESR_EL1:
 * EC, IL and the ISS (Arm ARM D17.2.37, "ESR_EL1").
 */
final class FaultStatus {
    /** EC 0b100100: Data Abort from a lower Exception level. */
    private static final long EC_DATA_ABORT_LOWER = 0x24;
    /** EC 0b100000: Instruction Abort from a lower Exception level. */
    private static final long EC_INSTRUCTION_ABORT_LOWER = 0x20;
    private static final long IL = 1L << 25;
    /** DFSC/IFSC 0b000111: translation fault, level 3 (the 4 KiB page entry is invalid). */
    static final int TRANSLATION_FAULT_L3 = 0b000111;
    /** DFSC/IFSC 0b001111: permission fault, level 3. */
    static final int PERMISSION_FAULT_L3 = 0b001111;
    /** DFSC 0b100001: alignment fault. */
    static final int ALIGNMENT_FAULT = 0b100001;
    /** ISS bit 6, WnR: the abort was caused by a write. */
    private static final long WNR = 1L << 6;

    private FaultStatus() { }

    static long dataAbort(boolean mapped, boolean write) {
        long iss = (mapped ? PERMISSION_FAULT_L3 : TRANSLATION_FAULT_L3) | (write ? WNR : 0);
        return EC_DATA_ABORT_LOWER << 26 | IL | iss;
    }

    static long alignmentFault(boolean write) {
        return EC_DATA_ABORT_LOWER << 26 | IL | ALIGNMENT_FAULT | (write ? WNR : 0);
    }

    static long instructionAbort(boolean mapped) {
        long iss = mapped ? PERMISSION_FAULT_L3 : TRANSLATION_FAULT_L3;
        return EC_INSTRUCTION_ABORT_LOWER << 26 | IL | iss;
    }
}
