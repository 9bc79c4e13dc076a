package io.huruhuru.sel4.cpu.simd;

import io.huruhuru.sel4.cpu.Instruction;

/** Advanced SIMD shift by immediate: shifts, inserts, narrowing and long shifts, fixed-point conversions. */
final class ShiftByImmediate {
    private ShiftByImmediate() { }

    static Instruction decode(int insn, boolean scalar) {
        boolean full = (insn & (1 << 30)) != 0;
        boolean u = (insn & (1 << 29)) != 0;
        int immh = (insn >>> 19) & 15;
        int immhb = (insn >>> 16) & 127;
        int opcode = (insn >>> 11) & 31;
        int n = (insn >>> 5) & 31;
        int d = insn & 31;
        if (immh == 0) {
            return null;
        }
        int bits = 8 << (31 - Integer.numberOfLeadingZeros(immh));
        int right = 2 * bits - immhb;
        int left = immhb - bits;
        boolean saturatingNarrow = opcode == 0b10010 || opcode == 0b10011 || u && (opcode == 0b10000
                || opcode == 0b10001);
        if (saturatingNarrow) {
            if (bits == 64) {
                return null;
            }
            ElementWise.Unary op = SaturatingShifts.narrowing(u, opcode, bits, right);
            return scalar ? SaturatingShifts.scalarNarrowing(d, n, bits, op) : Narrowing.narrow(d, n, bits, full, op);
        }
        if (opcode == 0b01110 || u && opcode == 0b01100) {
            if (!scalar && bits == 64 && !full) {
                return null;
            }
            int count = scalar ? 1 : (full ? 128 : 64) / bits;
            return SaturatingShifts.leftByImmediate(d, n, bits, count, full || scalar, left, u, opcode == 0b01100);
        }
        if (opcode == 0b10000 || opcode == 0b10001) {
            if (scalar || u || bits == 64) {
                return null;
            }
            boolean rounding = opcode == 0b10001;
            return Narrowing.narrow(d, n, bits, full, (cpu, a) -> shiftRight(a, true, right, rounding));
        }
        if (opcode == 0b10100) {
            if (scalar || bits == 64) {
                return null;
            }
            return Narrowing.widen(d, n, bits, full, !u, (cpu, a) -> a << left);
        }
        if (opcode == 0b11100 || opcode == 0b11111) {
            if (bits < 32 || !scalar && bits == 64 && !full) {
                return null;
            }
            FpFormat f = FpFormat.ofWidth(bits);
            int count = scalar ? 1 : (full ? 128 : 64) / bits;
            int fractionBits = right;
            ElementWise.Unary op = opcode == 0b11100
                    ? (cpu, a) -> FpConversion.fromFixed(f, a, bits, u, fractionBits, cpu)
                    : (cpu, a) -> FpConversion.toFixed(f, a, fractionBits, u, bits, Rounding.ZERO, cpu);
            return ElementWise.unary(d, n, bits, count, full || scalar, op);
        }
        if (scalar && bits != 64 || !scalar && bits == 64 && !full) {
            return null;
        }
        int count = scalar ? 1 : (full ? 128 : 64) / bits;
        boolean whole = full || scalar;
        long mask = Lanes.mask(bits);
        return switch ((u ? 0x100 : 0) | opcode) {
            case 0b00000, 0x100, 0b00010, 0x100 | 0b00010, 0b00100, 0x100 | 0b00100, 0b00110, 0x100 | 0b00110 -> {
                boolean rounding = (opcode & 0b00100) != 0;
                boolean accumulate = (opcode & 0b00010) != 0;
                yield ElementWise.accumulate(d, n, n, bits, count, whole, (cpu, old, a, b) -> {
                    long shifted = shiftRight(u ? a : Lanes.signExtend(a, bits), u, right, rounding);
                    return accumulate ? old + shifted : shifted;
                });
            }
            case 0b01010 -> ElementWise.unary(d, n, bits, count, whole, (cpu, a) -> a << left);
            case 0x100 | 0b01010 -> {
                long keep = left == 0 ? 0 : Lanes.mask(left);
                yield ElementWise.accumulate(d, n, n, bits, count, whole,
                        (cpu, old, a, b) -> (a << left) | (old & keep));
            }
            case 0x100 | 0b01000 -> {
                long keep = right == bits ? mask : ~(mask >>> right) & mask;
                yield ElementWise.accumulate(d, n, n, bits, count, whole,
                        (cpu, old, a, b) -> (right == bits ? 0 : a >>> right) | (old & keep));
            }
            default -> null;
        };
    }

    /**
     * A right shift by 1..64 of an extended element; rounding adds 2^(shift-1) first, done as adding the last bit
     * shifted out so that a 64-bit element cannot carry out.
     */
    private static long shiftRight(long value, boolean unsigned, int shift, boolean rounding) {
        long shifted = shift >= 64 ? (unsigned ? 0 : value >> 63) : unsigned ? value >>> shift : value >> shift;
        if (!rounding) {
            return shifted;
        }
        return shifted + ((value >>> (shift - 1)) & 1);
    }
}
