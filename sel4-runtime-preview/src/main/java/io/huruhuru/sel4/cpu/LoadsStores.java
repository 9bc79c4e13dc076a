package io.huruhuru.sel4.cpu;

/**
 * "Loads and Stores" (Arm ARM C4.1.89) of the general-purpose registers: op0 = x1x0 with V (bit 26) clear. Bits 29:28
 * pick exclusive/ordered (00), literal (01), pair (10) or single register (11).
 */
final class LoadsStores {
    private LoadsStores() { }

    static Instruction decode(int insn, long pc) {
        int rt = insn & 31;
        int rn = (insn >>> 5) & 31;
        return switch ((insn >>> 28) & 3) {
            case 0 -> ((insn >>> 24) & 1) == 0 ? Exclusives.decode(insn) : null;
            case 1 -> ((insn >>> 24) & 3) == 0 ? literal(insn, pc, rt) : null;
            case 2 -> pair(insn, rn, rt);
            default -> ((insn >>> 24) & 1) != 0 ? unsignedOffset(insn, rn, rt) : single(insn, rn, rt);
        };
    }

    private static Instruction literal(int insn, long pc, int rt) {
        long address = pc + ((long) (insn << 8) >> 13 << 2);
        return switch (insn >>> 30) {
            case 0 -> cpu -> cpu.setXOrZero(rt, cpu.load32(address));
            case 1 -> cpu -> cpu.setXOrZero(rt, cpu.load64(address));
            case 2 -> cpu -> cpu.setXOrZero(rt, (int) cpu.load32(address));
            default -> cpu -> { };
        };
    }

    private static Instruction unsignedOffset(int insn, int rn, int rt) {
        int size = insn >>> 30;
        int opc = (insn >>> 22) & 3;
        long offset = (long) ((insn >>> 10) & 0xFFF) << size;
        if (size == 3 && opc == 1) {
            return rn == 31 ? cpu -> cpu.setXOrZero(rt, cpu.load64(cpu.sp + offset))
                    : cpu -> cpu.setXOrZero(rt, cpu.load64(cpu.x[rn] + offset));
        }
        if (size == 3 && opc == 0) {
            return rn == 31 ? cpu -> cpu.store64(cpu.sp + offset, cpu.xOrZero(rt))
                    : cpu -> cpu.store64(cpu.x[rn] + offset, cpu.xOrZero(rt));
        }
        if (size == 2 && opc == 1) {
            return cpu -> cpu.setXOrZero(rt, cpu.load32(cpu.xOrSp(rn) + offset));
        }
        if (size == 2 && opc == 0) {
            return cpu -> cpu.store32(cpu.xOrSp(rn) + offset, cpu.xOrZero(rt));
        }
        if (size == 0 && opc == 1) {
            return cpu -> cpu.setXOrZero(rt, cpu.load8(cpu.xOrSp(rn) + offset));
        }
        Transfer transfer = Transfer.of(size, opc, rt, true);
        if (transfer == null) {
            return null;
        }
        return cpu -> transfer.at(cpu, cpu.xOrSp(rn) + offset);
    }

    private static Instruction single(int insn, int rn, int rt) {
        int size = insn >>> 30;
        int opc = (insn >>> 22) & 3;
        int mode = (insn >>> 10) & 3;
        if (((insn >>> 21) & 1) != 0) {
            if (mode == 2) {
                return registerOffset(insn, size, opc, rn, rt);
            }
            if (mode == 0) {
                return Exclusives.atomic(insn);
            }
            return null; // LDRAA/LDRAB: FEAT_PAuth is not implemented
        }
        long imm9 = (long) (insn << 11) >> 23;
        // Only the unscaled form has a prefetch (PRFUM); in the unprivileged and writeback forms it is unallocated.
        Transfer transfer = Transfer.of(size, opc, rt, mode == 0);
        if (transfer == null) {
            return null;
        }
        if (mode == 1 && opc < 2 && size == 3) {
            // The post-indexed 64-bit forms walk arrays in compiled loops: no Transfer indirection.
            return opc == 0 ? cpu -> {
                long address = cpu.xOrSp(rn);
                cpu.store64(address, cpu.xOrZero(rt));
                cpu.setXOrSp(rn, address + imm9);
            } : cpu -> {
                long address = cpu.xOrSp(rn);
                long value = cpu.load64(address);
                cpu.setXOrZero(rt, value);
                cpu.setXOrSp(rn, address + imm9);
            };
        }
        return switch (mode) {
            case 1 -> cpu -> {
                long address = cpu.xOrSp(rn);
                transfer.at(cpu, address);
                cpu.setXOrSp(rn, address + imm9);
            };
            case 3 -> cpu -> {
                long address = cpu.xOrSp(rn) + imm9;
                transfer.at(cpu, address);
                cpu.setXOrSp(rn, address);
            };
            // LDUR/STUR and, at EL0, LDTR/STTR access memory just as the normal forms do.
            default -> cpu -> transfer.at(cpu, cpu.xOrSp(rn) + imm9);
        };
    }

    private static Instruction registerOffset(int insn, int size, int opc, int rn, int rt) {
        int option = (insn >>> 13) & 7;
        if ((option & 2) == 0) {
            return null;
        }
        int shift = ((insn >>> 12) & 1) != 0 ? size : 0;
        int rm = (insn >>> 16) & 31;
        Transfer transfer = Transfer.of(size, opc, rt, true);
        if (transfer == null) {
            return null;
        }
        if (option == 3) {
            return cpu -> transfer.at(cpu, cpu.xOrSp(rn) + (cpu.xOrZero(rm) << shift));
        }
        return cpu -> transfer.at(cpu, cpu.xOrSp(rn) + Alu.extend(cpu.xOrZero(rm), option, shift));
    }

    private static Instruction pair(int insn, int rn, int rt) {
        int opc = insn >>> 30;
        boolean load = ((insn >>> 22) & 1) != 0;
        int mode = (insn >>> 23) & 3;
        int rt2 = (insn >>> 10) & 31;
        if (((insn >>> 26) & 1) != 0 || opc == 3 || (opc == 1 && !load) || ((insn >>> 25) & 1) != 0) {
            return null;
        }
        if (opc == 1 && mode == 0) {
            return null; // there is no LDNPSW
        }
        boolean wide = opc == 2;
        int scale = wide ? 3 : 2;
        long offset = ((long) (insn << 10) >> 25) << scale;
        boolean signed = opc == 1;
        PairTransfer transfer = load ? pairLoad(wide, signed, rt, rt2) : pairStore(wide, rt, rt2);
        return switch (mode) {
            case 1 -> cpu -> {
                long address = cpu.xOrSp(rn);
                transfer.at(cpu, address);
                cpu.setXOrSp(rn, address + offset);
            };
            case 3 -> cpu -> {
                long address = cpu.xOrSp(rn) + offset;
                transfer.at(cpu, address);
                cpu.setXOrSp(rn, address);
            };
            default -> cpu -> transfer.at(cpu, cpu.xOrSp(rn) + offset);
        };
    }

    /** Both registers of an LDP/STP. */
    @FunctionalInterface
    private interface PairTransfer {
        void at(Cpu cpu, long address);
    }

    private static PairTransfer pairLoad(boolean wide, boolean signed, int rt, int rt2) {
        // Both loads complete before either register changes, so a fault on the second leaves them intact.
        if (wide) {
            return (cpu, a) -> {
                long first = cpu.load64(a);
                long second = cpu.load64(a + 8);
                cpu.setXOrZero(rt, first);
                cpu.setXOrZero(rt2, second);
            };
        }
        if (signed) {
            return (cpu, a) -> {
                long first = (int) cpu.load32(a);
                long second = (int) cpu.load32(a + 4);
                cpu.setXOrZero(rt, first);
                cpu.setXOrZero(rt2, second);
            };
        }
        return (cpu, a) -> {
            long first = cpu.load32(a);
            long second = cpu.load32(a + 4);
            cpu.setXOrZero(rt, first);
            cpu.setXOrZero(rt2, second);
        };
    }

    private static PairTransfer pairStore(boolean wide, int rt, int rt2) {
        if (wide) {
            return (cpu, a) -> {
                long first = cpu.xOrZero(rt);
                long second = cpu.xOrZero(rt2);
                if ((a & 0xFFF) > 4096 - 16) {
                    cpu.requireWritable(a, 16); // a pair across pages: fault before the first half lands
                }
                cpu.store64(a, first);
                cpu.store64(a + 8, second);
            };
        }
        return (cpu, a) -> {
            long first = cpu.xOrZero(rt);
            long second = cpu.xOrZero(rt2);
            if ((a & 0xFFF) > 4096 - 8) {
                cpu.requireWritable(a, 8);
            }
            cpu.store32(a, first);
            cpu.store32(a + 4, second);
        };
    }
}
