package io.huruhuru.sel4.cpu.simd;

import io.huruhuru.sel4.cpu.Cpu;
import io.huruhuru.sel4.cpu.Instruction;

/** Advanced SIMD three same (vector and scalar): integer arithmetic, compares, shifts, logic, and FP arithmetic. */
final class ThreeSame {
    private ThreeSame() { }

    static Instruction decode(int insn, boolean scalar) {
        boolean full = (insn & (1 << 30)) != 0;
        boolean u = (insn & (1 << 29)) != 0;
        int size = (insn >>> 22) & 3;
        int m = (insn >>> 16) & 31;
        int opcode = (insn >>> 11) & 31;
        int n = (insn >>> 5) & 31;
        int d = insn & 31;
        if (opcode >= 0b11000) {
            return FloatThreeSame.decode(insn, scalar);
        }
        if (opcode == 0b00011) {
            return scalar ? null : logic(u, size, d, n, m, full);
        }
        int bits = 8 << size;
        if (!scalar && size == 3 && !full) {
            return null;
        }
        int count = scalar ? 1 : (full ? 128 : 64) / bits;
        boolean whole = full || scalar;
        if (opcode == 0b10100 || opcode == 0b10101 || opcode == 0b10111) {
            if (scalar || size == 3 && opcode != 0b10111 || opcode == 0b10111 && u) {
                return null;
            }
            if (u && bits == 8 && opcode != 0b10111) {
                return ElementWise.unsignedBytePairwise(d, n, m, full, opcode == 0b10100);
            }
            ElementWise.Binary op = opcode == 0b10111 ? (cpu, a, b) -> a + b
                    : extreme(u, bits, opcode == 0b10100);
            return ElementWise.pairwise(d, n, m, bits, count, full, op);
        }
        if (opcode == 0b10110) {
            if (size != 1 && size != 2) {
                return null;
            }
            return ElementWise.binary(d, n, m, bits, count, whole,
                    SaturatingArithmetic.doublingMultiplyHigh(bits, u));
        }
        if (scalar && size != 3 && opcode != 0b00001 && opcode != 0b00101 && opcode != 0b01001
                && opcode != 0b01011) {
            return null;
        }
        if (opcode == 0b10010 || opcode == 0b01111) {
            if (scalar || size == 3) {
                return null;
            }
            ElementWise.Ternary op = opcode == 0b01111
                    ? (cpu, old, a, b) -> old + absoluteDifference(u, bits, a, b)
                    : u ? (cpu, old, a, b) -> old - a * b : (cpu, old, a, b) -> old + a * b;
            return ElementWise.accumulate(d, n, m, bits, count, whole, op);
        }
        if (u && opcode == 0b10001 && bits == 8) {
            return ElementWise.compareBytesEqual(d, n, m, full);
        }
        ElementWise.Binary op = integer(u, opcode, bits, size);
        return op == null ? null : ElementWise.binary(d, n, m, bits, count, whole, op);
    }

    private static long sx(long a, int bits) {
        return Lanes.signExtend(a, bits);
    }

    private static int compare(boolean unsigned, int bits, long a, long b) {
        return unsigned ? Long.compareUnsigned(a, b) : Long.compare(sx(a, bits), sx(b, bits));
    }

    private static ElementWise.Binary extreme(boolean unsigned, int bits, boolean max) {
        return (cpu, a, b) -> (compare(unsigned, bits, a, b) >= 0) == max ? a : b;
    }

    private static long absoluteDifference(boolean unsigned, int bits, long a, long b) {
        return compare(unsigned, bits, a, b) >= 0 ? a - b : b - a;
    }

    private static ElementWise.Binary integer(boolean u, int opcode, int bits, int size) {
        return switch (opcode) {
            case 0b00000 -> bits == 64 ? null : u ? (cpu, a, b) -> (a + b) >>> 1
                    : (cpu, a, b) -> (sx(a, bits) + sx(b, bits)) >> 1;
            case 0b00010 -> bits == 64 ? null : u ? (cpu, a, b) -> (a + b + 1) >>> 1
                    : (cpu, a, b) -> (sx(a, bits) + sx(b, bits) + 1) >> 1;
            case 0b00100 -> bits == 64 ? null : u ? (cpu, a, b) -> (a - b) >> 1
                    : (cpu, a, b) -> (sx(a, bits) - sx(b, bits)) >> 1;
            case 0b00001 -> Saturation.add(u, bits);
            case 0b00101 -> Saturation.subtract(u, bits);
            case 0b00110 -> (cpu, a, b) -> ElementWise.allOnesIf(compare(u, bits, a, b) > 0);
            case 0b00111 -> (cpu, a, b) -> ElementWise.allOnesIf(compare(u, bits, a, b) >= 0);
            case 0b01000 -> (cpu, a, b) -> shiftByRegister(u, bits, a, (byte) b);
            case 0b01001, 0b01010, 0b01011 -> SaturatingShifts.byRegister(u, opcode, bits);
            case 0b01100 -> extreme(u, bits, true);
            case 0b01101 -> extreme(u, bits, false);
            case 0b01110 -> (cpu, a, b) -> absoluteDifference(u, bits, a, b);
            case 0b10000 -> u ? (cpu, a, b) -> a - b : (cpu, a, b) -> a + b;
            case 0b10001 -> u ? (cpu, a, b) -> ElementWise.allOnesIf(a == b)
                    : (cpu, a, b) -> ElementWise.allOnesIf((a & b) != 0);
            case 0b10011 -> size == 3 ? null : u ? (size == 0 ? (cpu, a, b) -> polynomialMultiply(a, b) : null)
                    : (cpu, a, b) -> a * b;
            default -> null;
        };
    }

    /** SSHL/USHL: the signed low byte of the second operand shifts left (positive) or right (negative). */
    private static long shiftByRegister(boolean unsigned, int bits, long a, int shift) {
        if (shift >= 0) {
            return shift >= bits ? 0 : a << shift;
        }
        int right = -shift;
        if (unsigned) {
            return right >= bits ? 0 : a >>> right;
        }
        return sx(a, bits) >> Math.min(right, bits - 1);
    }

    private static long polynomialMultiply(long a, long b) {
        long r = 0;
        for (int i = 0; i < 8; i++) {
            if ((b & (1L << i)) != 0) {
                r ^= a << i;
            }
        }
        return r;
    }

    /** AND, BIC, ORR, ORN, EOR, BSL, BIT, BIF on whole registers. */
    private static Instruction logic(boolean u, int size, int d, int n, int m, boolean full) {
        int op = (u ? 4 : 0) | size;
        return cpu -> {
            long[] r = new long[2];
            for (int i = 0; i < 2; i++) {
                long a = cpu.v[2 * n + i];
                long b = cpu.v[2 * m + i];
                long old = cpu.v[2 * d + i];
                r[i] = switch (op) {
                    case 0 -> a & b;
                    case 1 -> a & ~b;
                    case 2 -> a | b;
                    case 3 -> a | ~b;
                    case 4 -> a ^ b;
                    case 5 -> (old & a) | (~old & b);
                    case 6 -> (old & ~b) | (a & b);
                    default -> (old & b) | (a & ~b);
                };
            }
            Lanes.write(cpu, d, r, full);
        };
    }

    /** Saturating add and subtract (SQADD, UQADD, SQSUB, UQSUB), which set FPSR.QC when they saturate. */
    static final class Saturation {
        private Saturation() { }

        static ElementWise.Binary add(boolean unsigned, int bits) {
            return (cpu, a, b) -> unsigned ? unsignedResult(cpu, bits, a, b, false)
                    : signedResult(cpu, bits, sx(a, bits), sx(b, bits), false);
        }

        static ElementWise.Binary subtract(boolean unsigned, int bits) {
            return (cpu, a, b) -> unsigned ? unsignedResult(cpu, bits, a, b, true)
                    : signedResult(cpu, bits, sx(a, bits), sx(b, bits), true);
        }

        private static long signedResult(Cpu cpu, int bits, long a, long b, boolean subtract) {
            long max = bits == 64 ? Long.MAX_VALUE : (1L << (bits - 1)) - 1;
            long min = bits == 64 ? Long.MIN_VALUE : -(1L << (bits - 1));
            long r = subtract ? a - b : a + b;
            boolean overflow = bits == 64
                    ? (subtract ? ((a ^ b) & (a ^ r)) < 0 : (~(a ^ b) & (a ^ r)) < 0)
                    : r > max || r < min;
            if (overflow) {
                cpu.fpsr |= FpStatus.QC;
                return bits == 64 ? (a < 0 ? min : max) : (r > max ? max : min);
            }
            return r;
        }

        private static long unsignedResult(Cpu cpu, int bits, long a, long b, boolean subtract) {
            long max = Lanes.mask(bits);
            if (subtract) {
                if (Long.compareUnsigned(a, b) < 0) {
                    cpu.fpsr |= FpStatus.QC;
                    return 0;
                }
                return a - b;
            }
            long r = a + b;
            if (bits == 64 ? Long.compareUnsigned(r, a) < 0 : r > max) {
                cpu.fpsr |= FpStatus.QC;
                return max;
            }
            return r;
        }
    }
}
