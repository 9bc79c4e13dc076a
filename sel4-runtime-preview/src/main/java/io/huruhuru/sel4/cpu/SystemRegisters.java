package io.huruhuru.sel4.cpu;

/**
 * The system registers EL0 may read: its own (TPIDR_EL0, NZCV, FPCR, FPSR), the EL0-accessible identification and
 * timer registers, and the ID registers Linux emulates for EL0 (Documentation/arch/arm64/cpu-feature-registers.rst:
 * MRS of op0=3, op1=0, CRn=0 traps and the kernel returns sanitised values; unknown ID-space registers read as 0).
 * The values are fixed so that runs are deterministic; they describe the core the model is, not a board.
 */
final class SystemRegisters {
    static final int TPIDR_EL0 = (3 << 14 | 3 << 11 | 13 << 7 | 0 << 3 | 2);
    static final int TPIDRRO_EL0 = (3 << 14 | 3 << 11 | 13 << 7 | 0 << 3 | 3);
    static final int NZCV = (3 << 14 | 3 << 11 | 4 << 7 | 2 << 3 | 0);
    static final int FPCR = (3 << 14 | 3 << 11 | 4 << 7 | 4 << 3 | 0);
    static final int FPSR = (3 << 14 | 3 << 11 | 4 << 7 | 4 << 3 | 1);
    static final int CTR_EL0 = (3 << 14 | 3 << 11 | 0 << 7 | 0 << 3 | 1);
    static final int DCZID_EL0 = (3 << 14 | 3 << 11 | 0 << 7 | 0 << 3 | 7);
    static final int CNTFRQ_EL0 = (3 << 14 | 3 << 11 | 14 << 7 | 0 << 3 | 0);
    static final int CNTPCT_EL0 = (3 << 14 | 3 << 11 | 14 << 7 | 0 << 3 | 1);
    static final int CNTVCT_EL0 = (3 << 14 | 3 << 11 | 14 << 7 | 0 << 3 | 2);
    static final int MIDR_EL1 = (3 << 14 | 0 << 11 | 0 << 7 | 0 << 3 | 0);
    static final int MPIDR_EL1 = (3 << 14 | 0 << 11 | 0 << 7 | 0 << 3 | 5);
    static final int ID_AA64PFR0_EL1 = (3 << 14 | 0 << 11 | 0 << 7 | 4 << 3 | 0);
    static final int ID_AA64ISAR0_EL1 = (3 << 14 | 0 << 11 | 0 << 7 | 6 << 3 | 0);
    static final int ID_AA64ISAR1_EL1 = (3 << 14 | 0 << 11 | 0 << 7 | 6 << 3 | 1);

    /** MIDR_EL1 of an Arm Cortex-A72 r0p3 (the Raspberry Pi 4's core): implementer 0x41, part 0xD08. */
    static final long MIDR_VALUE = 0x410F_D083L;
    /** Linux shows EL0 only MPIDR_EL1's RES1 bit 31. */
    static final long MPIDR_VALUE = 0x8000_0000L;
    /** EL0 = EL1 = 0b0001 (AArch64 only); FP = AdvSIMD = 0b0000 (implemented, no half precision). */
    static final long ID_AA64PFR0_VALUE = 0x11L;
    /** Atomic (bits 23:20) = 0b0010: the LSE atomics are implemented; no AES/SHA/CRC32. */
    static final long ID_AA64ISAR0_VALUE = 0x0020_0000L;
    /** LRCPC (bits 23:20) = 0b0001: LDAPR is implemented; no pointer authentication. */
    static final long ID_AA64ISAR1_VALUE = 0x0010_0000L;
    /** CTR_EL0: 64-byte I and D cache lines (IminLine = DminLine = 4), PIPT I-cache, CWG = ERG = 4. */
    static final long CTR_VALUE = 0x8444_C004L;
    /** DCZID_EL0: BS = 4, DC ZVA zeroes 2^4 words = 64 bytes; DZP = 0, so it is permitted. */
    static final long DCZID_VALUE = 4;
    static final int ZVA_BLOCK_BYTES = 4 << (int) DCZID_VALUE;
    /** The virtual counter (CNTVCT_EL0) counts retired instructions, at this nominal frequency (100 MHz: 10 ns each). */
    static final long COUNTER_FREQUENCY = 100_000_000L;
    /** FPCR's defined control bits (AHP, DN, FZ, RMode, FZ16 and the trap enables) and FPSR's cumulative flags. */
    static final int FPCR_WRITABLE = 0x07F7_9F00;
    static final int FPSR_WRITABLE = 0xF800_009F;

    private SystemRegisters() { }

    static int encode(int op0, int op1, int crn, int crm, int op2) {
        return (op0 << 14) | (op1 << 11) | (crn << 7) | (crm << 3) | op2;
    }

    static boolean readable(int register) {
        if (isLinuxEmulatedIdRegister(register)) {
            return true;
        }
        return register == TPIDR_EL0 || register == TPIDRRO_EL0 || register == NZCV || register == FPCR
                || register == FPSR || register == CTR_EL0 || register == DCZID_EL0 || register == CNTFRQ_EL0
                || register == CNTPCT_EL0 || register == CNTVCT_EL0;
    }

    /** op0 = 3, op1 = 0, CRn = 0, CRm = 0 or 4..7: the registers arm64's emulate_mrs serves (MIDR, MPIDR, REVIDR, ID_AA64*). */
    private static boolean isLinuxEmulatedIdRegister(int register) {
        int crm = (register >>> 3) & 0xF;
        return (register >>> 7) == (3 << 7 | 0 << 4 | 0) && (crm == 0 || crm >= 4);
    }

    static long read(Cpu cpu, int register) {
        if (register == TPIDR_EL0) {
            return cpu.tpidrEl0;
        }
        if (register == NZCV) {
            return cpu.nzcv & 0xF000_0000L;
        }
        if (register == FPCR) {
            return cpu.fpcr & 0xFFFF_FFFFL;
        }
        if (register == FPSR) {
            return cpu.fpsr & 0xFFFF_FFFFL;
        }
        if (register == CNTFRQ_EL0) {
            return COUNTER_FREQUENCY;
        }
        if (register == CTR_EL0) {
            return CTR_VALUE;
        }
        if (register == DCZID_EL0) {
            return DCZID_VALUE;
        }
        if (register == MIDR_EL1) {
            return MIDR_VALUE;
        }
        if (register == MPIDR_EL1) {
            return MPIDR_VALUE;
        }
        if (register == ID_AA64PFR0_EL1) {
            return ID_AA64PFR0_VALUE;
        }
        if (register == ID_AA64ISAR0_EL1) {
            return ID_AA64ISAR0_VALUE;
        }
        if (register == ID_AA64ISAR1_EL1) {
            return ID_AA64ISAR1_VALUE;
        }
        return 0; // TPIDRRO_EL0 (no one sets it for a model thread), REVIDR and reserved ID registers
    }
}
