package io.huruhuru.sel4.cpu.simd;

import io.huruhuru.sel4.cpu.Instruction;

/** Element movement: TBL/TBX, UZP/TRN/ZIP, EXT, and the copy group (DUP, INS, UMOV, SMOV, scalar DUP). */
final class VectorPermute {
    private VectorPermute() { }

    static Instruction tableLookup(int insn) {
        boolean full = (insn & (1 << 30)) != 0;
        int m = (insn >>> 16) & 31;
        int registers = ((insn >>> 13) & 3) + 1;
        boolean extension = (insn & (1 << 12)) != 0;
        int n = (insn >>> 5) & 31;
        int d = insn & 31;
        int count = full ? 16 : 8;
        return cpu -> {
            long[] table = new long[2 * registers];
            for (int r = 0; r < registers; r++) {
                int reg = (n + r) & 31;
                table[2 * r] = cpu.v[2 * reg];
                table[2 * r + 1] = cpu.v[2 * reg + 1];
            }
            long[] indices = Lanes.read(cpu, m);
            long[] r = extension ? Lanes.read(cpu, d) : new long[2];
            for (int i = 0; i < count; i++) {
                int index = (int) Lanes.get(indices, i, 8);
                if (index < 16 * registers) {
                    Lanes.set(r, i, 8, Lanes.get(table, index, 8));
                } else if (!extension) {
                    Lanes.set(r, i, 8, 0);
                }
            }
            Lanes.write(cpu, d, r, full);
        };
    }

    static Instruction permute(int insn) {
        boolean full = (insn & (1 << 30)) != 0;
        int size = (insn >>> 22) & 3;
        int m = (insn >>> 16) & 31;
        int opcode = (insn >>> 12) & 7;
        int n = (insn >>> 5) & 31;
        int d = insn & 31;
        if (size == 3 && !full || (opcode & 3) == 0) {
            return null;
        }
        int bits = 8 << size;
        int count = (full ? 128 : 64) / bits;
        int part = opcode >>> 2;
        int kind = opcode & 3;
        return cpu -> {
            long[] a = Lanes.read(cpu, n);
            long[] b = Lanes.read(cpu, m);
            long[] r = new long[2];
            for (int i = 0; i < count; i++) {
                long e;
                if (kind == 1) {
                    int j = 2 * i + part;
                    e = j < count ? Lanes.get(a, j, bits) : Lanes.get(b, j - count, bits);
                } else if (kind == 2) {
                    int pair = i & ~1;
                    e = Lanes.get((i & 1) == 0 ? a : b, pair + part, bits);
                } else {
                    int j = i / 2 + part * count / 2;
                    e = Lanes.get((i & 1) == 0 ? a : b, j, bits);
                }
                Lanes.set(r, i, bits, e);
            }
            Lanes.write(cpu, d, r, full);
        };
    }

    static Instruction extract(int insn) {
        boolean full = (insn & (1 << 30)) != 0;
        int m = (insn >>> 16) & 31;
        int position = (insn >>> 11) & 15;
        int n = (insn >>> 5) & 31;
        int d = insn & 31;
        if (!full && position >= 8) {
            return null;
        }
        int count = full ? 16 : 8;
        return cpu -> {
            long[] a = Lanes.read(cpu, n);
            long[] b = Lanes.read(cpu, m);
            long[] r = new long[2];
            for (int i = 0; i < count; i++) {
                int j = i + position;
                Lanes.set(r, i, 8, j < count ? Lanes.get(a, j, 8) : Lanes.get(b, j - count, 8));
            }
            Lanes.write(cpu, d, r, full);
        };
    }

    static Instruction copy(int insn) {
        boolean full = (insn & (1 << 30)) != 0;
        boolean op = (insn & (1 << 29)) != 0;
        int imm5 = (insn >>> 16) & 31;
        int imm4 = (insn >>> 11) & 15;
        int n = (insn >>> 5) & 31;
        int d = insn & 31;
        int size = Integer.numberOfTrailingZeros(imm5);
        if (size > 3) {
            return null;
        }
        int bits = 8 << size;
        int index = imm5 >>> (size + 1);
        if (op) {
            if (!full) {
                return null;
            }
            int source = imm4 >>> size;
            return cpu -> Lanes.set(cpu, d, index, bits, Lanes.get(cpu, n, source, bits));
        }
        int count = (full ? 128 : 64) / bits;
        switch (imm4) {
            case 0b0000:
                if (size == 3 && !full) {
                    return null;
                }
                return cpu -> {
                    long e = Lanes.get(cpu, n, index, bits);
                    long[] r = new long[2];
                    for (int i = 0; i < count; i++) {
                        Lanes.set(r, i, bits, e);
                    }
                    Lanes.write(cpu, d, r, full);
                };
            case 0b0001:
                if (size == 3 && !full) {
                    return null;
                }
                return cpu -> {
                    long e = cpu.xOrZero(n);
                    long[] r = new long[2];
                    for (int i = 0; i < count; i++) {
                        Lanes.set(r, i, bits, e);
                    }
                    Lanes.write(cpu, d, r, full);
                };
            case 0b0011:
                if (!full) {
                    return null;
                }
                return cpu -> Lanes.set(cpu, d, index, bits, cpu.xOrZero(n));
            case 0b0101:
                if (size == 3 || size == 2 && !full) {
                    return null;
                }
                long wMask = full ? -1L : 0xFFFF_FFFFL;
                return cpu -> cpu.setXOrZero(d, Lanes.signExtend(Lanes.get(cpu, n, index, bits), bits) & wMask);
            case 0b0111:
                if (full != (size == 3)) {
                    return null;
                }
                return cpu -> cpu.setXOrZero(d, Lanes.get(cpu, n, index, bits));
            default:
                return null;
        }
    }

    /** DUP (element) into a scalar: Vd = Vn.T[index], the rest zeroed (the alias MOV). */
    static Instruction scalarDuplicate(int insn) {
        int imm5 = (insn >>> 16) & 31;
        int n = (insn >>> 5) & 31;
        int d = insn & 31;
        int size = Integer.numberOfTrailingZeros(imm5);
        if (size > 3) {
            return null;
        }
        int bits = 8 << size;
        int index = imm5 >>> (size + 1);
        return cpu -> Lanes.writeScalar(cpu, d, Lanes.get(cpu, n, index, bits));
    }
}
