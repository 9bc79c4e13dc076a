package io.huruhuru.sel4.cpu.simd;

import io.huruhuru.sel4.cpu.Cpu;
import io.huruhuru.sel4.cpu.Instruction;

/** Reductions over a vector (ADDV, SADDLV/UADDLV, S/U MAX/MINV, FMAXV...) and the scalar pairwise forms. */
final class AcrossLanes {
    private AcrossLanes() { }

    static Instruction decode(int insn) {
        boolean full = (insn & (1 << 30)) != 0;
        boolean u = (insn & (1 << 29)) != 0;
        int size = (insn >>> 22) & 3;
        int opcode = (insn >>> 12) & 31;
        int n = (insn >>> 5) & 31;
        int d = insn & 31;
        if (opcode == 0b01100 || opcode == 0b01111) {
            return floatReduction(insn);
        }
        if (size == 3 || size == 2 && !full) {
            return null;
        }
        int bits = 8 << size;
        int count = (full ? 128 : 64) / bits;
        return switch ((u ? 0x100 : 0) | opcode) {
            case 0b00011, 0x100 | 0b00011 -> reduce(d, n, bits, count, 2 * bits, (cpu, acc, e) -> acc + (u ? e
                    : Lanes.signExtend(e, bits)));
            case 0b11011 -> reduce(d, n, bits, count, bits, (cpu, acc, e) -> acc + e);
            case 0b01010, 0x100 | 0b01010, 0b11010, 0x100 | 0b11010 -> {
                boolean max = opcode == 0b01010;
                yield reduceFromFirst(d, n, bits, count, (a, b) -> {
                    int c = u ? Long.compareUnsigned(a, b)
                            : Long.compare(Lanes.signExtend(a, bits), Lanes.signExtend(b, bits));
                    return (c >= 0) == max ? a : b;
                });
            }
            default -> null;
        };
    }

    private interface Accumulate {
        long apply(Cpu cpu, long accumulator, long element);
    }

    private interface Combine {
        long apply(long a, long b);
    }

    private static Instruction reduce(int d, int n, int bits, int count, int resultBits, Accumulate op) {
        long mask = Lanes.mask(resultBits);
        return cpu -> {
            long acc = 0;
            for (int i = 0; i < count; i++) {
                acc = op.apply(cpu, acc, Lanes.get(cpu, n, i, bits));
            }
            Lanes.writeScalar(cpu, d, acc & mask);
        };
    }

    private static Instruction reduceFromFirst(int d, int n, int bits, int count, Combine op) {
        return cpu -> {
            long acc = Lanes.get(cpu, n, 0, bits);
            for (int i = 1; i < count; i++) {
                acc = op.apply(acc, Lanes.get(cpu, n, i, bits));
            }
            Lanes.writeScalar(cpu, d, acc);
        };
    }

    /** FMAXNMV, FMINNMV, FMAXV, FMINV (single precision, 4S only): a pairwise tree, as Arm's Reduce() defines. */
    private static Instruction floatReduction(int insn) {
        boolean full = (insn & (1 << 30)) != 0;
        boolean u = (insn & (1 << 29)) != 0;
        boolean min = (insn & (1 << 23)) != 0;
        boolean sz = (insn & (1 << 22)) != 0;
        int opcode = (insn >>> 12) & 31;
        if (!u || sz || !full) {
            return null;
        }
        ScalarFloatingPoint.Binary op = opcode == 0b01100 ? (min ? FpComparison::minNumber : FpComparison::maxNumber)
                : (min ? FpComparison::min : FpComparison::max);
        int n = (insn >>> 5) & 31;
        int d = insn & 31;
        FpFormat f = FpFormat.SINGLE;
        return cpu -> {
            long lo = op.apply(f, Lanes.get(cpu, n, 0, 32), Lanes.get(cpu, n, 1, 32), cpu);
            long hi = op.apply(f, Lanes.get(cpu, n, 2, 32), Lanes.get(cpu, n, 3, 32), cpu);
            Lanes.writeScalar(cpu, d, op.apply(f, lo, hi, cpu));
        };
    }

    /** Scalar pairwise: ADDP Dd, Vn.2D and FADDP/FMAXP/FMINP/FMAXNMP/FMINNMP of a 2S or 2D pair. */
    static Instruction scalarPairwise(int insn) {
        boolean u = (insn & (1 << 29)) != 0;
        int size = (insn >>> 22) & 3;
        int opcode = (insn >>> 12) & 31;
        int n = (insn >>> 5) & 31;
        int d = insn & 31;
        if (!u) {
            if (opcode != 0b11011 || size != 3) {
                return null;
            }
            return cpu -> Lanes.writeScalar(cpu, d, cpu.v[2 * n] + cpu.v[2 * n + 1]);
        }
        FpFormat f = (size & 1) != 0 ? FpFormat.DOUBLE : FpFormat.SINGLE;
        boolean min = (size & 2) != 0;
        ScalarFloatingPoint.Binary op = switch (opcode) {
            case 0b01100 -> min ? FpComparison::minNumber : FpComparison::maxNumber;
            case 0b01101 -> min ? null : FpArithmetic::add;
            case 0b01111 -> min ? FpComparison::min : FpComparison::max;
            default -> null;
        };
        if (op == null) {
            return null;
        }
        int bits = f.width;
        return cpu -> Lanes.writeScalar(cpu, d,
                op.apply(f, Lanes.get(cpu, n, 0, bits), Lanes.get(cpu, n, 1, bits), cpu));
    }
}
