package io.huruhuru.sel4.cpu.simd;

import io.huruhuru.sel4.cpu.Instruction;

/** Advanced SIMD two-register misc, integer part (vector and scalar): REV*, CNT, NOT, compares with 0, XTN. */
final class TwoRegisterMisc {
    private TwoRegisterMisc() { }

    static Instruction decode(int insn, boolean scalar) {
        boolean full = (insn & (1 << 30)) != 0;
        boolean u = (insn & (1 << 29)) != 0;
        int size = (insn >>> 22) & 3;
        int opcode = (insn >>> 12) & 31;
        int n = (insn >>> 5) & 31;
        int d = insn & 31;
        if (opcode >= 0b01100 && opcode != 0b10010 && opcode != 0b10100 && opcode != 0b10011) {
            return FloatTwoRegisterMisc.decode(insn, scalar);
        }
        int bits = 8 << size;
        int count = scalar ? 1 : (full ? 128 : 64) / bits;
        boolean whole = full || scalar;
        // NOT and RBIT use the size field as part of the opcode: they always work on bytes.
        int bytes = full ? 16 : 8;
        if (opcode == 0b10010 || opcode == 0b10100) {
            return scalar ? null : Narrowing.decode(u, opcode, size, n, d, full);
        }
        if (opcode == 0b00111 || opcode == 0b00011) {
            if (!scalar && size == 3 && !full) {
                return null;
            }
            return opcode == 0b00111
                    ? ElementWise.unary(d, n, bits, count, whole, SaturatingArithmetic.absoluteOrNegate(bits, u))
                    : ElementWise.accumulate(d, n, n, bits, count, whole, SaturatingArithmetic.accumulate(bits, u));
        }
        if (scalar && size != 3) {
            return null;
        }
        if (!scalar && size == 3 && !full && opcode >= 0b01000) {
            return null;
        }
        int key = (u ? 0x100 : 0) | opcode;
        return switch (key) {
            case 0b00000, 0x100, 0b00001 -> scalar ? null : reverse(d, n, size, opcode == 0 ? (u ? 32 : 64) : 16, full);
            case 0b00101 -> size != 0 || scalar ? null
                    : ElementWise.unary(d, n, 8, bytes, full, (cpu, a) -> Long.bitCount(a));
            case 0x100 | 0b00101 -> scalar || size > 1 ? null : size == 0
                    ? ElementWise.unary(d, n, 8, bytes, full, (cpu, a) -> ~a)
                    : ElementWise.unary(d, n, 8, bytes, full, (cpu, a) -> Integer.reverse((int) a) >>> 24);
            case 0b00100 -> scalar || size == 3 ? null : ElementWise.unary(d, n, bits, count, full,
                    (cpu, a) -> Long.numberOfLeadingZeros(Lanes.signExtend(a, bits) < 0 ? ~Lanes.signExtend(a, bits)
                            : a) - (64 - bits) - 1);
            case 0x100 | 0b00100 -> scalar || size == 3 ? null : ElementWise.unary(d, n, bits, count, full,
                    (cpu, a) -> Long.numberOfLeadingZeros(a) - (64 - bits));
            case 0b00010, 0x100 | 0b00010, 0b00110, 0x100 | 0b00110 -> scalar || size == 3 ? null
                    : pairwiseLong(d, n, size, full, u, (opcode & 4) != 0);
            case 0b01000 -> ElementWise.unary(d, n, bits, count, whole,
                    (cpu, a) -> ElementWise.allOnesIf(Lanes.signExtend(a, bits) > 0));
            case 0x100 | 0b01000 -> ElementWise.unary(d, n, bits, count, whole,
                    (cpu, a) -> ElementWise.allOnesIf(Lanes.signExtend(a, bits) >= 0));
            case 0b01001 -> bits == 8 && !scalar ? ElementWise.compareBytesEqual(d, n, -1, full)
                    : ElementWise.unary(d, n, bits, count, whole, (cpu, a) -> ElementWise.allOnesIf(a == 0));
            case 0x100 | 0b01001 -> ElementWise.unary(d, n, bits, count, whole,
                    (cpu, a) -> ElementWise.allOnesIf(Lanes.signExtend(a, bits) <= 0));
            case 0b01010 -> ElementWise.unary(d, n, bits, count, whole,
                    (cpu, a) -> ElementWise.allOnesIf(Lanes.signExtend(a, bits) < 0));
            case 0b01011 -> ElementWise.unary(d, n, bits, count, whole,
                    (cpu, a) -> Math.abs(Lanes.signExtend(a, bits)));
            case 0x100 | 0b01011 -> ElementWise.unary(d, n, bits, count, whole, (cpu, a) -> -a);
            case 0x100 | 0b10011 -> scalar || size == 3 ? null : Narrowing.shiftLeftLong(size, n, d, full);
            default -> null;
        };
    }

    /** REV16/REV32/REV64: reverses the order of {@code 8 << size}-bit elements within each container. */
    private static Instruction reverse(int d, int n, int size, int container, boolean full) {
        int bits = 8 << size;
        if (bits >= container) {
            return null;
        }
        int perContainer = container / bits;
        int count = (full ? 128 : 64) / bits;
        return cpu -> {
            long[] a = Lanes.read(cpu, n);
            long[] r = new long[2];
            for (int i = 0; i < count; i++) {
                int base = i - i % perContainer;
                Lanes.set(r, i, bits, Lanes.get(a, base + perContainer - 1 - i % perContainer, bits));
            }
            Lanes.write(cpu, d, r, full);
        };
    }

    /** SADDLP/UADDLP (and SADALP/UADALP, accumulating): adjacent pairs added into double-width elements. */
    private static Instruction pairwiseLong(int d, int n, int size, boolean full, boolean unsigned,
                                            boolean accumulate) {
        int bits = 8 << size;
        int count = (full ? 128 : 64) / (2 * bits);
        return cpu -> {
            long[] a = Lanes.read(cpu, n);
            long[] old = Lanes.read(cpu, d);
            long[] r = new long[2];
            for (int i = 0; i < count; i++) {
                long x = Lanes.get(a, 2 * i, bits);
                long y = Lanes.get(a, 2 * i + 1, bits);
                long sum = unsigned ? x + y : Lanes.signExtend(x, bits) + Lanes.signExtend(y, bits);
                if (accumulate) {
                    sum += Lanes.get(old, i, 2 * bits);
                }
                Lanes.set(r, i, 2 * bits, sum);
            }
            Lanes.write(cpu, d, r, full);
        };
    }
}
