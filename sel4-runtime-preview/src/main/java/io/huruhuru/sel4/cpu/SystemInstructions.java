package io.huruhuru.sel4.cpu;

/** Hints, barriers, SYS (cache maintenance) and MRS/MSR: Arm ARM C4.1.87, "System" encodings (bits 31:22 = 1101010100). */
final class SystemInstructions {
    private static final Instruction NOP = cpu -> { };

    private SystemInstructions() { }

    static Instruction decode(int insn, long pc) {
        boolean read = ((insn >>> 21) & 1) != 0;
        int op0 = (insn >>> 19) & 3;
        int op1 = (insn >>> 16) & 7;
        int crn = (insn >>> 12) & 0xF;
        int crm = (insn >>> 8) & 0xF;
        int op2 = (insn >>> 5) & 7;
        int rt = insn & 31;
        if (op0 == 0) {
            if (read || op1 != 3 || rt != 31) {
                return null;
            }
            if (crn == 2) {
                // The whole hint space executes as NOP (Arm ARM C6.2 "HINT"): BTI, PACIASP/AUTIASP (FEAT_PAuth is
                // absent, so they are NOPs as on a core without it), YIELD, WFE, WFI, SEV, ESB, CSDB...
                return NOP;
            }
            if (crn == 3) {
                return barrier(op2);
            }
            return null;
        }
        if (op0 == 1) {
            return read ? null : cacheMaintenance(op1, crn, crm, op2, rt);
        }
        int register = SystemRegisters.encode(op0, op1, crn, crm, op2);
        if (read) {
            if (!SystemRegisters.readable(register)) {
                return null;
            }
            if (register == SystemRegisters.NZCV) {
                return cpu -> cpu.setXOrZero(rt, cpu.nzcv & 0xF000_0000L);
            }
            if (register == SystemRegisters.TPIDR_EL0) {
                return cpu -> cpu.setXOrZero(rt, cpu.tpidrEl0);
            }
            if (register == SystemRegisters.CNTVCT_EL0 || register == SystemRegisters.CNTPCT_EL0) {
                return cpu -> cpu.setXOrZero(rt, cpu.retiredBefore(pc));
            }
            return cpu -> cpu.setXOrZero(rt, SystemRegisters.read(cpu, register));
        }
        return switch (register) {
            case SystemRegisters.TPIDR_EL0 -> cpu -> cpu.tpidrEl0 = cpu.xOrZero(rt);
            case SystemRegisters.NZCV -> cpu -> cpu.nzcv = (int) cpu.xOrZero(rt) & 0xF000_0000;
            case SystemRegisters.FPCR -> cpu -> cpu.fpcr = (int) cpu.xOrZero(rt) & SystemRegisters.FPCR_WRITABLE;
            case SystemRegisters.FPSR -> cpu -> cpu.fpsr = (int) cpu.xOrZero(rt) & SystemRegisters.FPSR_WRITABLE;
            default -> null;
        };
    }

    private static Instruction barrier(int op2) {
        return switch (op2) {
            // CLREX clears the local exclusive monitor (Arm ARM C6.2 "CLREX").
            case 2 -> cpu -> cpu.exclusiveAddress = -1;
            // DSB, DMB, ISB, SB: one PE executing in order needs no barrier.
            case 4, 5, 6, 7 -> NOP;
            default -> null;
        };
    }

    private static Instruction cacheMaintenance(int op1, int crn, int crm, int op2, int rt) {
        if (op1 != 3 || crn != 7 || op2 != 1) {
            return null;
        }
        return switch (crm) {
            case 4 -> cpu -> zeroBlock(cpu, cpu.xOrZero(rt));
            // IC IVAU (SYS #3, C7, C5, #1, Arm ARM C5.3 "IC IVAU"): the decoded blocks play the instruction cache, so
            // code another agent wrote to that page is decoded again.
            case 5 -> cpu -> cpu.codeWritten(cpu.xOrZero(rt));
            // DC CVAC/CVAU/CVAP/CVADP/CIVAC: the model has no data caches.
            case 10, 11, 12, 13, 14 -> NOP;
            default -> null;
        };
    }

    /** DC ZVA: zeroes the naturally aligned block of 2^(DCZID_EL0.BS) words that holds the address. */
    private static void zeroBlock(Cpu cpu, long address) {
        long start = address & -SystemRegisters.ZVA_BLOCK_BYTES;
        // The block is aligned inside one page, so the first store faults before any byte changes.
        for (int i = 0; i < SystemRegisters.ZVA_BLOCK_BYTES; i += 8) {
            cpu.store64(start + i, 0);
        }
    }
}
