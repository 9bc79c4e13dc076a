package io.huruhuru.sel4.cpu.simd;

import io.huruhuru.sel4.cpu.Cpu;
import io.huruhuru.sel4.cpu.Instruction;

/**
 * LD1-LD4/ST1-ST4 (multiple structures), their single-structure lane forms and LD1R-LD4R, with and without
 * post-index (Arm ARM C4.1.94, "Advanced SIMD load/store multiple/single structure"). Memory holds structures
 * of {@code selem} elements, interleaved across consecutive registers (modulo 32).
 */
final class StructureLoadStore {
    private StructureLoadStore() { }

    static Instruction decode(int insn) {
        if ((insn & 0xBFBF_0000) == 0x0C00_0000 || (insn & 0xBFA0_0000) == 0x0C80_0000) {
            return multiple(insn);
        }
        if ((insn & 0xBF9F_0000) == 0x0D00_0000 || (insn & 0xBF80_0000) == 0x0D80_0000) {
            return singleStructure(insn);
        }
        return null;
    }

    private static Instruction multiple(int insn) {
        boolean full = (insn & (1 << 30)) != 0;
        boolean load = (insn & (1 << 22)) != 0;
        int opcode = (insn >>> 12) & 15;
        int size = (insn >>> 10) & 3;
        int registers;
        int selem;
        switch (opcode) {
            case 0b0000 -> { registers = 4; selem = 4; }
            case 0b0010 -> { registers = 4; selem = 1; }
            case 0b0100 -> { registers = 3; selem = 3; }
            case 0b0110 -> { registers = 3; selem = 1; }
            case 0b0111 -> { registers = 1; selem = 1; }
            case 0b1000 -> { registers = 2; selem = 2; }
            case 0b1010 -> { registers = 2; selem = 1; }
            default -> { return null; }
        }
        if (size == 3 && !full && selem != 1) {
            return null;
        }
        int bits = 8 << size;
        int elements = (full ? 128 : 64) / bits;
        int rpt = registers / selem;
        int t = insn & 31;
        int n = (insn >>> 5) & 31;
        int total = rpt * selem * elements * bits / 8;
        Writeback writeback = writeback(insn, total);
        return cpu -> {
            long base = cpu.xOrSp(n);
            long address = base;
            if (!load) {
                RegisterLoadStore.probeStore(cpu, base, base + total - 1);
            }
            long[][] values = new long[32][];
            for (int r = 0; r < rpt; r++) {
                for (int e = 0; e < elements; e++) {
                    for (int s = 0; s < selem; s++) {
                        int reg = (t + r + s) & 31;
                        if (load) {
                            if (values[reg] == null) {
                                values[reg] = new long[2];
                            }
                            Lanes.set(values[reg], e, bits, loadElement(cpu, address, bits));
                        } else {
                            storeElement(cpu, address, bits, Lanes.get(cpu, reg, e, bits));
                        }
                        address += bits / 8;
                    }
                }
            }
            if (load) {
                for (int reg = 0; reg < 32; reg++) {
                    if (values[reg] != null) {
                        Lanes.write(cpu, reg, values[reg], full);
                    }
                }
            }
            writeback.apply(cpu, n, base);
        };
    }

    private static Instruction singleStructure(int insn) {
        boolean full = (insn & (1 << 30)) != 0;
        boolean load = (insn & (1 << 22)) != 0;
        int opcode = (insn >>> 13) & 7;
        int selem = ((((insn >>> 13) & 1) << 1) | ((insn >>> 21) & 1)) + 1;
        int s = (insn >>> 12) & 1;
        int size = (insn >>> 10) & 3;
        int scale = opcode >>> 1;
        boolean replicate = false;
        int index;
        switch (scale) {
            case 3 -> {
                if (!load || s != 0) {
                    return null;
                }
                scale = size;
                replicate = true;
                index = 0;
            }
            case 0 -> index = ((full ? 1 : 0) << 3) | (s << 2) | size;
            case 1 -> {
                if ((size & 1) != 0) {
                    return null;
                }
                index = ((full ? 1 : 0) << 2) | (s << 1) | (size >>> 1);
            }
            default -> {
                if ((size & 2) != 0) {
                    return null;
                }
                if ((size & 1) == 0) {
                    index = ((full ? 1 : 0) << 1) | s;
                } else {
                    if (s != 0) {
                        return null;
                    }
                    index = full ? 1 : 0;
                    scale = 3;
                }
            }
        }
        int bits = 8 << scale;
        int t = insn & 31;
        int n = (insn >>> 5) & 31;
        Writeback writeback = writeback(insn, selem * bits / 8);
        boolean rep = replicate;
        int lane = index;
        return cpu -> {
            long base = cpu.xOrSp(n);
            long address = base;
            if (rep) {
                long[] loaded = new long[selem];
                for (int i = 0; i < selem; i++) {
                    loaded[i] = loadElement(cpu, address + (long) i * bits / 8, bits);
                }
                for (int i = 0; i < selem; i++) {
                    long[] value = new long[2];
                    for (int e = 0; e < 128 / bits; e++) {
                        Lanes.set(value, e, bits, loaded[i]);
                    }
                    Lanes.write(cpu, (t + i) & 31, value, full);
                }
            } else if (load) {
                long[] loaded = new long[selem];
                for (int i = 0; i < selem; i++) {
                    loaded[i] = loadElement(cpu, address + (long) i * bits / 8, bits);
                }
                for (int i = 0; i < selem; i++) {
                    Lanes.set(cpu, (t + i) & 31, lane, bits, loaded[i]);
                }
            } else {
                RegisterLoadStore.probeStore(cpu, address, address + (long) selem * bits / 8 - 1);
                for (int i = 0; i < selem; i++) {
                    storeElement(cpu, address + (long) i * bits / 8, bits, Lanes.get(cpu, (t + i) & 31, lane, bits));
                }
            }
            writeback.apply(cpu, n, base);
        };
    }

    /** The post-index update: none, the transfer size (Rm = 31), or register Rm. */
    private interface Writeback {
        void apply(Cpu cpu, int n, long base);
    }

    private static Writeback writeback(int insn, int total) {
        if ((insn & (1 << 23)) == 0) {
            return (cpu, n, base) -> { };
        }
        int m = (insn >>> 16) & 31;
        if (m == 31) {
            return (cpu, n, base) -> cpu.setXOrSp(n, base + total);
        }
        return (cpu, n, base) -> cpu.setXOrSp(n, base + cpu.xOrZero(m));
    }

    private static long loadElement(Cpu cpu, long address, int bits) {
        return switch (bits) {
            case 8 -> cpu.load8(address);
            case 16 -> cpu.load16(address);
            case 32 -> cpu.load32(address);
            default -> cpu.load64(address);
        };
    }

    private static void storeElement(Cpu cpu, long address, int bits, long value) {
        switch (bits) {
            case 8 -> cpu.store8(address, value);
            case 16 -> cpu.store16(address, value);
            case 32 -> cpu.store32(address, value);
            default -> cpu.store64(address, value);
        }
    }
}
