package io.huruhuru.sel4.cpu.simd;

import io.huruhuru.sel4.cpu.Instruction;

/** Advanced SIMD three same, floating-point part (single and double; opcode 11xxx). */
final class FloatThreeSame {
    private FloatThreeSame() { }

    static Instruction decode(int insn, boolean scalar) {
        boolean full = (insn & (1 << 30)) != 0;
        boolean u = (insn & (1 << 29)) != 0;
        boolean a = (insn & (1 << 23)) != 0;
        boolean sz = (insn & (1 << 22)) != 0;
        int m = (insn >>> 16) & 31;
        int opcode = (insn >>> 11) & 31;
        int n = (insn >>> 5) & 31;
        int d = insn & 31;
        if (!scalar && sz && !full) {
            return null;
        }
        FpFormat f = sz ? FpFormat.DOUBLE : FpFormat.SINGLE;
        int bits = f.width;
        int count = scalar ? 1 : (full ? 128 : 64) / bits;
        boolean whole = full || scalar;
        int key = (u ? 0x100 : 0) | (a ? 0x80 : 0) | opcode;
        if (!scalar) {
            ElementWise.Binary pair = switch (key) {
                case 0x100 | 0b11010 -> binary(f, FpArithmetic::add);
                case 0x100 | 0b11110 -> binary(f, FpComparison::max);
                case 0x180 | 0b11110 -> binary(f, FpComparison::min);
                case 0x100 | 0b11000 -> binary(f, FpComparison::maxNumber);
                case 0x180 | 0b11000 -> binary(f, FpComparison::minNumber);
                default -> null;
            };
            if (pair != null) {
                return ElementWise.pairwise(d, n, m, bits, count, whole, pair);
            }
            switch (key) {
                case 0b11001:
                    return ElementWise.accumulate(d, n, m, bits, count, whole,
                            (cpu, old, x, y) -> FpArithmetic.fusedMultiplyAdd(f, old, x, y, cpu));
                case 0x80 | 0b11001:
                    return ElementWise.accumulate(d, n, m, bits, count, whole,
                            (cpu, old, x, y) -> FpArithmetic.fusedMultiplyAdd(f, old, x ^ f.signBit, y, cpu));
                default:
                    break;
            }
        }
        ElementWise.Binary op = switch (key) {
            case 0b11010 -> scalar ? null : binary(f, FpArithmetic::add);
            case 0x80 | 0b11010 -> scalar ? null : binary(f, FpArithmetic::subtract);
            case 0b11110 -> scalar ? null : binary(f, FpComparison::max);
            case 0x80 | 0b11110 -> scalar ? null : binary(f, FpComparison::min);
            case 0b11000 -> scalar ? null : binary(f, FpComparison::maxNumber);
            case 0x80 | 0b11000 -> scalar ? null : binary(f, FpComparison::minNumber);
            case 0x100 | 0b11011 -> scalar ? null : binary(f, FpArithmetic::multiply);
            case 0b11011 -> binary(f, FpReciprocal::multiplyExtended);
            case 0b11111 -> binary(f, FpReciprocal::recipStep);
            case 0x80 | 0b11111 -> binary(f, FpReciprocal::recipSqrtStep);
            case 0x100 | 0b11111 -> scalar ? null : binary(f, FpArithmetic::divide);
            case 0x180 | 0b11010 -> (cpu, x, y) -> FpArithmetic.subtract(f, x, y, cpu) & ~f.signBit;
            case 0b11100 -> (cpu, x, y) -> ElementWise.allOnesIf(FpComparison.compareEqual(f, x, y, cpu));
            case 0x100 | 0b11100 -> (cpu, x, y) -> ElementWise.allOnesIf(
                    FpComparison.compareGreaterOrEqual(f, x, y, cpu));
            case 0x180 | 0b11100 -> (cpu, x, y) -> ElementWise.allOnesIf(FpComparison.compareGreater(f, x, y, cpu));
            case 0x100 | 0b11101 -> (cpu, x, y) -> ElementWise.allOnesIf(
                    FpComparison.compareGreaterOrEqual(f, x & ~f.signBit, y & ~f.signBit, cpu));
            case 0x180 | 0b11101 -> (cpu, x, y) -> ElementWise.allOnesIf(
                    FpComparison.compareGreater(f, x & ~f.signBit, y & ~f.signBit, cpu));
            default -> null;
        };
        return op == null ? null : ElementWise.binary(d, n, m, bits, count, whole, op);
    }

    private static ElementWise.Binary binary(FpFormat f, ScalarFloatingPoint.Binary op) {
        return (cpu, x, y) -> op.apply(f, x, y, cpu);
    }
}
