package io.huruhuru.sel4.cpu;

/** "Branches, Exception Generating and System instructions" (Arm ARM C4.1.87): op0 = 101x. */
final class BranchesSystem {
    private BranchesSystem() { }

    static Instruction decode(int insn, long pc) {
        int op0 = insn >>> 29;
        if ((op0 & 3) == 0) {
            return unconditionalImmediate(insn, pc);
        }
        if ((op0 & 3) == 1) {
            return ((insn >>> 25) & 1) == 0 ? compareAndBranch(insn, pc) : testAndBranch(insn, pc);
        }
        if (op0 == 2) {
            return ((insn >>> 24) & 3) == 0 ? conditional(insn, pc) : null;
        }
        if (op0 == 6) {
            if (((insn >>> 25) & 1) == 1) {
                return register(insn, pc);
            }
            if (((insn >>> 24) & 3) == 0) {
                return exception(insn, pc);
            }
            if (((insn >>> 22) & 0xF) == 0b0100) {
                return SystemInstructions.decode(insn, pc);
            }
        }
        return null;
    }

    private static Instruction unconditionalImmediate(int insn, long pc) {
        long target = pc + ((long) (insn << 6) >> 4);
        if ((insn >>> 31) == 0) {
            return (Branch) cpu -> cpu.pc = target;
        }
        long link = pc + 4;
        return (Branch) cpu -> {
            cpu.x[30] = link;
            cpu.pc = target;
        };
    }

    private static Instruction compareAndBranch(int insn, long pc) {
        boolean wide = (insn >>> 31) != 0;
        boolean nonZero = ((insn >>> 24) & 1) != 0;
        long target = pc + ((long) (insn << 8) >> 13 << 2);
        int rt = insn & 31;
        long mask = wide ? -1L : 0xFFFF_FFFFL;
        if (nonZero) {
            return (Branch) cpu -> {
                if ((cpu.xOrZero(rt) & mask) != 0) {
                    cpu.pc = target;
                }
            };
        }
        return (Branch) cpu -> {
            if ((cpu.xOrZero(rt) & mask) == 0) {
                cpu.pc = target;
            }
        };
    }

    private static Instruction testAndBranch(int insn, long pc) {
        int bit = ((insn >>> 31) << 5) | ((insn >>> 19) & 31);
        boolean nonZero = ((insn >>> 24) & 1) != 0;
        long target = pc + ((long) (insn << 13) >> 18 << 2);
        int rt = insn & 31;
        long mask = 1L << bit;
        return (Branch) cpu -> {
            if (((cpu.xOrZero(rt) & mask) != 0) == nonZero) {
                cpu.pc = target;
            }
        };
    }

    private static Instruction conditional(int insn, long pc) {
        // Bit 4 set is BC.cond (FEAT_HBC): the same branch with a hint that it is consistent.
        int cond = insn & 0xF;
        long target = pc + ((long) (insn << 8) >> 13 << 2);
        // The loop-closing conditions get their own test of the flags; the rest ask ConditionHolds.
        return switch (cond) {
            case 0 -> (Branch) cpu -> {
                if ((cpu.nzcv & Alu.Z) != 0) {
                    cpu.pc = target;
                }
            };
            case 1 -> (Branch) cpu -> {
                if ((cpu.nzcv & Alu.Z) == 0) {
                    cpu.pc = target;
                }
            };
            default -> (Branch) cpu -> {
                if (cpu.conditionHolds(cond)) {
                    cpu.pc = target;
                }
            };
        };
    }

    private static Instruction register(int insn, long pc) {
        int opc = (insn >>> 21) & 0xF;
        int op2 = (insn >>> 16) & 31;
        int op3 = (insn >>> 10) & 0x3F;
        int op4 = insn & 31;
        int rn = (insn >>> 5) & 31;
        if (op2 != 31 || op3 != 0 || op4 != 0) {
            return null; // the pointer-authenticating forms: FEAT_PAuth is not implemented
        }
        long link = pc + 4;
        return switch (opc) {
            case 0, 2 -> (Branch) cpu -> cpu.pc = cpu.xOrZero(rn);
            case 1 -> (Branch) cpu -> {
                long target = cpu.xOrZero(rn);
                cpu.x[30] = link;
                cpu.pc = target;
            };
            default -> null;
        };
    }

    private static Instruction exception(int insn, long pc) {
        int opc = (insn >>> 21) & 7;
        int op2 = (insn >>> 2) & 7;
        int ll = insn & 3;
        int imm16 = (insn >>> 5) & 0xFFFF;
        if (opc == 0 && op2 == 0 && ll == 1) {
            return (Branch) cpu -> cpu.stop = new Stop.SupervisorCall(pc, imm16);
        }
        // BRK, HLT, HVC, SMC and the debug exceptions reach seL4 as a user exception: left undefined here.
        return null;
    }
}
