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
    /** DFSC/IFSC 0b0001LL: translation fault at level LL (the descriptor read at that level is invalid). */
    static final int TRANSLATION_FAULT = 0b000100;
    /** DFSC/IFSC 0b0000LL: address size fault at level LL (the input address is beyond the translation's range). */
    static final int ADDRESS_SIZE_FAULT = 0b000000;
    /** DFSC/IFSC 0b001111: permission fault, level 3. */
    static final int PERMISSION_FAULT_L3 = 0b001111;
    /** DFSC 0b100001: alignment fault. */
    static final int ALIGNMENT_FAULT = 0b100001;
    /** ISS bit 6, WnR: the abort was caused by a write. */
    private static final long WNR = 1L << 6;

    private FaultStatus() { }

    /** A data abort: a permission fault when miss is null (the page is mapped), else the miss's fault. */
    static long dataAbort(Miss miss, boolean write) {
        return EC_DATA_ABORT_LOWER << 26 | IL | statusCode(miss) | (write ? WNR : 0);
    }

    private static long statusCode(Miss miss) {
        if (miss == null) {
            return PERMISSION_FAULT_L3;
        }
        return (miss.addressSize() ? ADDRESS_SIZE_FAULT : TRANSLATION_FAULT) | miss.level();
    }

    static long alignmentFault(boolean write) {
        return EC_DATA_ABORT_LOWER << 26 | IL | ALIGNMENT_FAULT | (write ? WNR : 0);
    }

    /** An instruction abort: a permission fault when miss is null, else the miss's fault. */
    static long instructionAbort(Miss miss) {
        return EC_INSTRUCTION_ABORT_LOWER << 26 | IL | statusCode(miss);
    }
}
