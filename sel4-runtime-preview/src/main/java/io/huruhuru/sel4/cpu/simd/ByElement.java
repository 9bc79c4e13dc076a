package io.huruhuru.sel4.cpu.simd;

import io.huruhuru.sel4.cpu.Instruction;

/**
 * Advanced SIMD vector and scalar x indexed element: MUL, MLA, MLS, SMULL/UMULL, SMLAL/UMLAL, SMLSL/UMLSL and
 * FMUL, FMLA, FMLS by one element of Vm (H: Vm is V0-V15 and the index is H:L:M; S: H:L; D: H).
 */
final class ByElement {
    private ByElement() { }

    static Instruction decode(int insn, boolean scalar) {
        boolean full = (insn & (1 << 30)) != 0;
        boolean u = (insn & (1 << 29)) != 0;
        int size = (insn >>> 22) & 3;
        int l = (insn >>> 21) & 1;
        int mBit = (insn >>> 20) & 1;
        int rm = (insn >>> 16) & 15;
        int opcode = (insn >>> 12) & 15;
        int h = (insn >>> 11) & 1;
        int n = (insn >>> 5) & 31;
        int d = insn & 31;
        boolean floating = opcode == 0b0001 || opcode == 0b0101 || opcode == 0b1001;
        boolean doublingHigh = !u && (opcode == 0b1100 || opcode == 0b1101);
        int index;
        int m;
        if (size == 1 && !floating) {
            index = (h << 2) | (l << 1) | mBit;
            m = rm;
        } else if (size == 2) {
            index = (h << 1) | l;
            m = (mBit << 4) | rm;
        } else if (size == 3 && floating && l == 0 && (full || scalar)) {
            index = h;
            m = (mBit << 4) | rm;
        } else {
            return null;
        }
        int bits = 8 << size;
        int count = scalar ? 1 : (full ? 128 : 64) / bits;
        boolean whole = full || scalar;
        int element = index;
        if (floating) {
            if (u) {
                return null;
            }
            FpFormat f = FpFormat.ofWidth(bits);
            ElementWise.Ternary op = switch (opcode) {
                case 0b0001 -> (cpu, old, a, b) -> FpArithmetic.fusedMultiplyAdd(f, old, a, b, cpu);
                case 0b0101 -> (cpu, old, a, b) -> FpArithmetic.fusedMultiplyAdd(f, old, a ^ f.signBit, b, cpu);
                default -> (cpu, old, a, b) -> FpArithmetic.multiply(f, a, b, cpu);
            };
            return byElement(d, n, m, element, bits, count, whole, op);
        }
        if (doublingHigh) {
            ElementWise.Binary op = SaturatingArithmetic.doublingMultiplyHigh(bits, opcode == 0b1101);
            return byElement(d, n, m, element, bits, count, whole, (cpu, old, a, b) -> op.apply(cpu, a, b));
        }
        if (scalar) {
            return null;
        }
        return switch ((u ? 0x10 : 0) | opcode) {
            case 0b1000 -> byElement(d, n, m, element, bits, count, whole, (cpu, old, a, b) -> a * b);
            case 0x10 | 0b0000 -> byElement(d, n, m, element, bits, count, whole, (cpu, old, a, b) -> old + a * b);
            case 0x10 | 0b0100 -> byElement(d, n, m, element, bits, count, whole, (cpu, old, a, b) -> old - a * b);
            case 0b1010, 0x10 | 0b1010, 0b0010, 0x10 | 0b0010, 0b0110, 0x10 | 0b0110 ->
                    longByElement(d, n, m, element, bits, full, u, opcode);
            default -> null;
        };
    }

    private static Instruction byElement(int d, int n, int m, int index, int bits, int count, boolean whole,
                                         ElementWise.Ternary op) {
        return cpu -> {
            long b = Lanes.get(cpu, m, index, bits);
            long[] a = Lanes.read(cpu, n);
            long[] old = Lanes.read(cpu, d);
            long[] r = new long[2];
            for (int i = 0; i < count; i++) {
                Lanes.set(r, i, bits, op.apply(cpu, Lanes.get(old, i, bits), Lanes.get(a, i, bits), b));
            }
            Lanes.write(cpu, d, r, whole);
        };
    }

    /** SMULL/UMULL (1010), SMLAL/UMLAL (0010), SMLSL/UMLSL (0110) by element, reading the upper half for "2". */
    private static Instruction longByElement(int d, int n, int m, int index, int bits, boolean upper,
                                             boolean unsigned, int opcode) {
        int count = 64 / bits;
        return cpu -> {
            long b = Lanes.get(cpu, m, index, bits);
            long y = unsigned ? b : Lanes.signExtend(b, bits);
            long[] a = Lanes.read(cpu, n);
            long[] old = Lanes.read(cpu, d);
            long[] r = new long[2];
            for (int i = 0; i < count; i++) {
                long e = Lanes.get(a, upper ? count + i : i, bits);
                long product = (unsigned ? e : Lanes.signExtend(e, bits)) * y;
                long acc = Lanes.get(old, i, 2 * bits);
                long value = opcode == 0b1010 ? product : opcode == 0b0010 ? acc + product : acc - product;
                Lanes.set(r, i, 2 * bits, value);
            }
            Lanes.write(cpu, d, r, true);
        };
    }
}
