package io.huruhuru.sel4.cpu;

/**
 * Exclusive, ordered and atomic accesses (Arm ARM C4.1.89 "Load/store exclusive register", "Load/store ordered",
 * "Compare and swap", "Atomic memory operations"). One PE runs, so acquire/release order is program order and the
 * exclusive monitor only has to remember the address LDXR tagged (Arm ARM B2.9.2, the local monitor).
 */
final class Exclusives {
    private Exclusives() { }

    /** Bits 29:24 = 001000: size 31:30, o2 23, L 22, o1 21, Rs 20:16, o0 15, Rt2 14:10, Rn, Rt. */
    static Instruction decode(int insn) {
        int size = insn >>> 30;
        boolean o2 = ((insn >>> 23) & 1) != 0;
        boolean load = ((insn >>> 22) & 1) != 0;
        boolean o1 = ((insn >>> 21) & 1) != 0;
        int rs = (insn >>> 16) & 31;
        int rt2 = (insn >>> 10) & 31;
        int rn = (insn >>> 5) & 31;
        int rt = insn & 31;
        if (!o2 && !o1) {
            return load ? loadExclusive(size, rn, rt) : storeExclusive(size, rs, rn, rt);
        }
        if (!o2) {
            if (size < 2) {
                return compareAndSwapPair(size == 1, rs, rn, rt);
            }
            boolean wide = size == 3;
            return load ? loadExclusivePair(wide, rn, rt, rt2) : storeExclusivePair(wide, rs, rn, rt, rt2);
        }
        if (!o1) {
            // LDAR/LDLAR and STLR/STLLR: plain accesses for one in-order PE.
            return load ? cpu -> cpu.setXOrZero(rt, Transfer.load(cpu, aligned(cpu.xOrSp(rn), 1 << size, false), size))
                    : cpu -> Transfer.store(cpu, aligned(cpu.xOrSp(rn), 1 << size, true), size, cpu.xOrZero(rt));
        }
        return compareAndSwap(size, rs, rn, rt);
    }

    private static Instruction loadExclusive(int size, int rn, int rt) {
        return cpu -> {
            long address = aligned(cpu.xOrSp(rn), 1 << size, false);
            long value = Transfer.load(cpu, address, size);
            cpu.exclusiveAddress = address;
            cpu.exclusiveSize = 1 << size;
            cpu.setXOrZero(rt, value);
        };
    }

    private static Instruction storeExclusive(int size, int rs, int rn, int rt) {
        return cpu -> {
            long address = aligned(cpu.xOrSp(rn), 1 << size, true);
            boolean tagged = cpu.exclusiveAddress == address && cpu.exclusiveSize == 1 << size;
            if (tagged) {
                Transfer.store(cpu, address, size, cpu.xOrZero(rt));
            }
            cpu.exclusiveAddress = -1;
            cpu.setXOrZero(rs, tagged ? 0 : 1);
        };
    }

    private static Instruction loadExclusivePair(boolean wide, int rn, int rt, int rt2) {
        int bytes = wide ? 8 : 4;
        return cpu -> {
            long address = aligned(cpu.xOrSp(rn), 2 * bytes, false);
            long first = wide ? cpu.load64(address) : cpu.load32(address);
            long second = wide ? cpu.load64(address + bytes) : cpu.load32(address + bytes);
            cpu.exclusiveAddress = address;
            cpu.exclusiveSize = 2 * bytes;
            cpu.setXOrZero(rt, first);
            cpu.setXOrZero(rt2, second);
        };
    }

    private static Instruction storeExclusivePair(boolean wide, int rs, int rn, int rt, int rt2) {
        int bytes = wide ? 8 : 4;
        return cpu -> {
            long address = aligned(cpu.xOrSp(rn), 2 * bytes, true);
            boolean tagged = cpu.exclusiveAddress == address && cpu.exclusiveSize == 2 * bytes;
            if (tagged) {
                cpu.requireWritable(address, 2 * bytes);
                if (wide) {
                    cpu.store64(address, cpu.xOrZero(rt));
                    cpu.store64(address + 8, cpu.xOrZero(rt2));
                } else {
                    cpu.store32(address, cpu.xOrZero(rt));
                    cpu.store32(address + 4, cpu.xOrZero(rt2));
                }
            }
            cpu.exclusiveAddress = -1;
            cpu.setXOrZero(rs, tagged ? 0 : 1);
        };
    }

    private static Instruction compareAndSwap(int size, int rs, int rn, int rt) {
        long mask = Alu.ones(8 << size);
        return cpu -> {
            long address = aligned(cpu.xOrSp(rn), 1 << size, true);
            // CAS needs write permission whether or not it stores (Arm ARM C6.2 "CAS": a write for fault purposes).
            cpu.requireWritable(address, 1 << size);
            long old = Transfer.load(cpu, address, size);
            if (old == (cpu.xOrZero(rs) & mask)) {
                Transfer.store(cpu, address, size, cpu.xOrZero(rt));
            }
            cpu.setXOrZero(rs, old);
        };
    }

    /** CASP: Rs and Rt name even-numbered register pairs (an odd one is unallocated). */
    private static Instruction compareAndSwapPair(boolean wide, int rs, int rn, int rt) {
        if ((rs & 1) != 0 || (rt & 1) != 0) {
            return null;
        }
        int bytes = wide ? 8 : 4;
        return cpu -> {
            long address = aligned(cpu.xOrSp(rn), 2 * bytes, true);
            cpu.requireWritable(address, 2 * bytes);
            long first = wide ? cpu.load64(address) : cpu.load32(address);
            long second = wide ? cpu.load64(address + 8) : cpu.load32(address + 4);
            long mask = wide ? -1L : 0xFFFF_FFFFL;
            boolean equal = first == (cpu.xOrZero(rs) & mask) && second == (cpu.xOrZero(rs + 1) & mask);
            if (equal) {
                if (wide) {
                    cpu.store64(address, cpu.xOrZero(rt));
                    cpu.store64(address + 8, cpu.xOrZero(rt + 1));
                } else {
                    cpu.store32(address, cpu.xOrZero(rt));
                    cpu.store32(address + 4, cpu.xOrZero(rt + 1));
                }
            }
            cpu.setXOrZero(rs, first);
            cpu.setXOrZero(rs + 1, second);
        };
    }

    /** Atomic memory operations (FEAT_LSE) and LDAPR: size 31:30, A 23, R 22, Rs 20:16, o3 15, opc 14:12. */
    static Instruction atomic(int insn) {
        int size = insn >>> 30;
        boolean o3 = ((insn >>> 15) & 1) != 0;
        int opc = (insn >>> 12) & 7;
        int rs = (insn >>> 16) & 31;
        int rn = (insn >>> 5) & 31;
        int rt = insn & 31;
        // A (bit 23) and R (bit 22) only order the access; one in-order PE needs nothing more.
        if (o3) {
            if (opc == 4 && rs == 31) {
                // LDAPR
                return cpu -> cpu.setXOrZero(rt, Transfer.load(cpu, aligned(cpu.xOrSp(rn), 1 << size, false), size));
            }
            if (opc != 0) {
                return null;
            }
        }
        int bits = 8 << size;
        long mask = Alu.ones(bits);
        int kind = o3 ? 8 : opc;
        return cpu -> {
            long address = aligned(cpu.xOrSp(rn), 1 << size, true);
            cpu.requireWritable(address, 1 << size);
            long old = Transfer.load(cpu, address, size);
            long operand = cpu.xOrZero(rs) & mask;
            long updated = switch (kind) {
                case 0 -> old + operand;
                case 1 -> old & ~operand;
                case 2 -> old ^ operand;
                case 3 -> old | operand;
                case 4 -> signed(old, bits) >= signed(operand, bits) ? old : operand;
                case 5 -> signed(old, bits) <= signed(operand, bits) ? old : operand;
                case 6 -> Long.compareUnsigned(old, operand) >= 0 ? old : operand;
                case 7 -> Long.compareUnsigned(old, operand) <= 0 ? old : operand;
                default -> operand;
            };
            Transfer.store(cpu, address, size, updated);
            cpu.setXOrZero(rt, old);
        };
    }

    /**
     * Exclusive, acquire/release and atomic accesses must be aligned to their size (Arm ARM B2.5.2, without
     * FEAT_LSE2): otherwise an alignment fault, which seL4 delivers as a VM fault like any data abort.
     */
    static long aligned(long address, int bytes, boolean write) {
        if ((address & (bytes - 1)) != 0) {
            throw new MemoryFault(address, FaultStatus.alignmentFault(write));
        }
        return address;
    }

    private static long signed(long value, int bits) {
        return value << (64 - bits) >> (64 - bits);
    }
}
