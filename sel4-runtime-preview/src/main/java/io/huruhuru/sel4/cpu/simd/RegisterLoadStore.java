package io.huruhuru.sel4.cpu.simd;

import io.huruhuru.sel4.cpu.Cpu;
import io.huruhuru.sel4.cpu.Instruction;

/**
 * LDR/STR/LDUR/STUR (immediate, register, pre/post-index), LDP/STP/LDNP/STNP and LDR (literal) of B, H, S, D
 * and Q registers (Arm ARM C4.1.94 "Loads and Stores", V = 1). A load writes the whole register, zeroing what
 * lies above the loaded width.
 */
final class RegisterLoadStore {
    private RegisterLoadStore() { }

    static Instruction decode(int insn, long pc) {
        if ((insn & 0x3F00_0000) == 0x1C00_0000) {
            return literal(insn, pc);
        }
        if ((insn & 0x3C00_0000) == 0x2C00_0000) {
            return pair(insn);
        }
        if ((insn & 0x3F00_0000) == 0x3C00_0000 || (insn & 0x3F00_0000) == 0x3D00_0000) {
            return single(insn);
        }
        return null;
    }

    private static Instruction literal(int insn, long pc) {
        int opc = insn >>> 30;
        if (opc == 3) {
            return null;
        }
        int bytes = 4 << opc;
        int t = insn & 31;
        long address = pc + ((long) (insn << 8 >> 13) << 2);
        return cpu -> load(cpu, t, address, bytes);
    }

    private static Instruction pair(int insn) {
        int opc = insn >>> 30;
        if (opc == 3) {
            return null;
        }
        int bytes = 4 << opc;
        int type = (insn >>> 23) & 3;
        boolean load = (insn & (1 << 22)) != 0;
        long offset = (long) (insn << 10 >> 25) * bytes;
        int t2 = (insn >>> 10) & 31;
        int n = (insn >>> 5) & 31;
        int t = insn & 31;
        boolean post = type == 1;
        boolean writeback = type == 1 || type == 3;
        return cpu -> {
            long base = cpu.xOrSp(n);
            long address = post ? base : base + offset;
            if (load) {
                // Both halves are read before either register changes, so a fault leaves them as they were.
                long low1 = read(cpu, address, bytes, 0);
                long high1 = read(cpu, address, bytes, 8);
                long low2 = read(cpu, address + bytes, bytes, 0);
                long high2 = read(cpu, address + bytes, bytes, 8);
                cpu.v[2 * t] = low1;
                cpu.v[2 * t + 1] = high1;
                cpu.v[2 * t2] = low2;
                cpu.v[2 * t2 + 1] = high2;
            } else {
                probeStore(cpu, address, address + 2L * bytes - 1);
                store(cpu, t, address, bytes);
                store(cpu, t2, address + bytes, bytes);
            }
            if (writeback) {
                cpu.setXOrSp(n, base + offset);
            }
        };
    }

    private static Instruction single(int insn) {
        int size = insn >>> 30;
        int opc = (insn >>> 22) & 3;
        int bytes;
        boolean load;
        if ((opc & 2) != 0) {
            if (size != 0) {
                return null;
            }
            bytes = 16;
        } else {
            bytes = 1 << size;
        }
        load = (opc & 1) != 0;
        int n = (insn >>> 5) & 31;
        int t = insn & 31;
        if ((insn & (1 << 24)) != 0) {
            long offset = (long) ((insn >>> 10) & 0xFFF) * bytes;
            return access(load, t, bytes, cpu -> cpu.xOrSp(n) + offset);
        }
        long imm9 = insn << 11 >> 23;
        if ((insn & (1 << 21)) == 0) {
            switch ((insn >>> 10) & 3) {
                case 0:
                    return access(load, t, bytes, cpu -> cpu.xOrSp(n) + imm9);
                case 1:
                    return indexed(load, t, bytes, n, imm9, true);
                case 3:
                    return indexed(load, t, bytes, n, imm9, false);
                default:
                    return null;
            }
        }
        if (((insn >>> 10) & 3) != 2) {
            return null;
        }
        int m = (insn >>> 16) & 31;
        int option = (insn >>> 13) & 7;
        if ((option & 2) == 0) {
            return null;
        }
        int shift = (insn & (1 << 12)) != 0 ? Integer.numberOfTrailingZeros(bytes) : 0;
        return access(load, t, bytes, cpu -> cpu.xOrSp(n) + (extend(cpu.xOrZero(m), option) << shift));
    }

    private static long extend(long value, int option) {
        return switch (option) {
            case 2 -> value & 0xFFFF_FFFFL;
            case 6 -> (long) (int) value;
            default -> value;
        };
    }

    private interface AddressOf {
        long of(Cpu cpu);
    }

    private static Instruction access(boolean load, int t, int bytes, AddressOf address) {
        return load ? cpu -> load(cpu, t, address.of(cpu), bytes) : cpu -> store(cpu, t, address.of(cpu), bytes);
    }

    private static Instruction indexed(boolean load, int t, int bytes, int n, long imm, boolean post) {
        return cpu -> {
            long base = cpu.xOrSp(n);
            long address = post ? base : base + imm;
            if (load) {
                load(cpu, t, address, bytes);
            } else {
                store(cpu, t, address, bytes);
            }
            cpu.setXOrSp(n, base + imm);
        };
    }

    static void load(Cpu cpu, int t, long address, int bytes) {
        long low;
        long high = 0;
        switch (bytes) {
            case 1 -> low = cpu.load8(address);
            case 2 -> low = cpu.load16(address);
            case 4 -> low = cpu.load32(address);
            case 8 -> low = cpu.load64(address);
            default -> {
                low = cpu.load64(address);
                high = cpu.load64(address + 8);
            }
        }
        cpu.v[2 * t] = low;
        cpu.v[2 * t + 1] = high;
    }

    /** The bits at {@code offset} (0 or 8) of a {@code bytes}-wide register load; zero above a narrower load. */
    private static long read(Cpu cpu, long address, int bytes, int offset) {
        return switch (bytes) {
            case 1 -> offset == 0 ? cpu.load8(address) : 0;
            case 2 -> offset == 0 ? cpu.load16(address) : 0;
            case 4 -> offset == 0 ? cpu.load32(address) : 0;
            case 8 -> offset == 0 ? cpu.load64(address) : 0;
            default -> cpu.load64(address + offset);
        };
    }

    /**
     * For a store of {@code [first, last]} that crosses into a second page: faults now, at the first byte of the
     * page that refuses it, so that nothing is written when either page refuses (each probed byte is written
     * with its own value). An access inside one page needs no probe: its first store faults before any change.
     */
    static void probeStore(Cpu cpu, long first, long last) {
        if (((first ^ last) & ~0xFFFL) == 0) {
            return;
        }
        cpu.store8(first, cpu.load8(first));
        long second = last & ~0xFFFL;
        cpu.store8(second, cpu.load8(second));
    }

    static void store(Cpu cpu, int t, long address, int bytes) {
        if (bytes == 16) {
            probeStore(cpu, address, address + 15);
        }
        long low = cpu.v[2 * t];
        switch (bytes) {
            case 1 -> cpu.store8(address, low);
            case 2 -> cpu.store16(address, low);
            case 4 -> cpu.store32(address, low);
            case 8 -> cpu.store64(address, low);
            default -> {
                long high = cpu.v[2 * t + 1];
                cpu.store64(address, low);
                cpu.store64(address + 8, high);
            }
        }
    }
}
