package io.huruhuru.sel4.cpu.simd;

import io.huruhuru.sel4.cpu.Instruction;

/** Advanced SIMD two-register misc, FP part: FABS, FNEG, FSQRT, conversions, FRINT*, compares with 0. */
final class FloatTwoRegisterMisc {
    private FloatTwoRegisterMisc() { }

    static Instruction decode(int insn, boolean scalar) {
        boolean full = (insn & (1 << 30)) != 0;
        boolean u = (insn & (1 << 29)) != 0;
        boolean a = (insn & (1 << 23)) != 0;
        boolean sz = (insn & (1 << 22)) != 0;
        int opcode = (insn >>> 12) & 31;
        int n = (insn >>> 5) & 31;
        int d = insn & 31;
        if (!a && (opcode == 0b10110 || opcode == 0b10111) && !u) {
            return scalar ? null : precision(opcode == 0b10111, sz, n, d, full);
        }
        if (!scalar && sz && !full) {
            return null;
        }
        FpFormat f = sz ? FpFormat.DOUBLE : FpFormat.SINGLE;
        int bits = f.width;
        int count = scalar ? 1 : (full ? 128 : 64) / bits;
        boolean whole = full || scalar;
        int key = (u ? 0x100 : 0) | (a ? 0x80 : 0) | opcode;
        ElementWise.Unary op = switch (key) {
            case 0x80 | 0b01111 -> scalar ? null : (cpu, x) -> x & ~f.signBit;
            case 0x180 | 0b01111 -> scalar ? null : (cpu, x) -> x ^ f.signBit;
            case 0x180 | 0b11111 -> scalar ? null : (cpu, x) -> FpArithmetic.squareRoot(f, x, cpu);
            case 0x80 | 0b11101 -> (cpu, x) -> FpReciprocal.recipEstimate(f, x, cpu);
            case 0x180 | 0b11101 -> (cpu, x) -> FpReciprocal.recipSqrtEstimate(f, x, cpu);
            case 0x80 | 0b11111 -> scalar ? (cpu, x) -> FpReciprocal.reciprocalExponent(f, x, cpu) : null;
            case 0b11101 -> (cpu, x) -> FpConversion.fromFixed(f, x, bits, false, 0, cpu);
            case 0x100 | 0b11101 -> (cpu, x) -> FpConversion.fromFixed(f, x, bits, true, 0, cpu);
            case 0b11010, 0x80 | 0b11010, 0b11011, 0x80 | 0b11011, 0b11100,
                 0x100 | 0b11010, 0x180 | 0b11010, 0x100 | 0b11011, 0x180 | 0b11011, 0x100 | 0b11100 -> {
                Rounding r = opcode == 0b11100 ? Rounding.TIE_AWAY
                        : Rounding.ofRMode((opcode & 1) << 1 | (a ? 1 : 0));
                yield (cpu, x) -> FpConversion.toFixed(f, x, 0, u, bits, r, cpu);
            }
            case 0b11000, 0x80 | 0b11000, 0b11001, 0x80 | 0b11001, 0x100 | 0b11000 -> {
                if (scalar) {
                    yield null;
                }
                Rounding r = key == (0x100 | 0b11000) ? Rounding.TIE_AWAY
                        : Rounding.ofRMode((opcode & 1) << 1 | (a ? 1 : 0));
                yield (cpu, x) -> FpConversion.roundToIntegral(f, x, r, false, cpu);
            }
            case 0x100 | 0b11001 -> scalar ? null
                    : (cpu, x) -> FpConversion.roundToIntegral(f, x, FpStatus.rounding(cpu.fpcr), true, cpu);
            case 0x180 | 0b11001 -> scalar ? null
                    : (cpu, x) -> FpConversion.roundToIntegral(f, x, FpStatus.rounding(cpu.fpcr), false, cpu);
            case 0x80 | 0b01100 -> (cpu, x) -> ElementWise.allOnesIf(FpComparison.compareGreater(f, x, 0, cpu));
            case 0x180 | 0b01100 -> (cpu, x) -> ElementWise.allOnesIf(
                    FpComparison.compareGreaterOrEqual(f, x, 0, cpu));
            case 0x80 | 0b01101 -> (cpu, x) -> ElementWise.allOnesIf(FpComparison.compareEqual(f, x, 0, cpu));
            case 0x180 | 0b01101 -> (cpu, x) -> ElementWise.allOnesIf(
                    FpComparison.compareGreaterOrEqual(f, 0, x, cpu));
            case 0x80 | 0b01110 -> (cpu, x) -> ElementWise.allOnesIf(FpComparison.compareGreater(f, 0, x, cpu));
            default -> null;
        };
        return op == null ? null : ElementWise.unary(d, n, bits, count, whole, op);
    }

    /** FCVTN/FCVTN2 (narrow: double to single, single to half) and FCVTL/FCVTL2 (widen). */
    private static Instruction precision(boolean widen, boolean sz, int n, int d, boolean upper) {
        FpFormat wide = sz ? FpFormat.DOUBLE : FpFormat.SINGLE;
        FpFormat narrow = sz ? FpFormat.SINGLE : FpFormat.HALF;
        if (widen) {
            return Narrowing.widen(d, n, narrow.width, upper, false,
                    (cpu, x) -> FpConversion.convert(narrow, wide, x, cpu));
        }
        return Narrowing.narrow(d, n, narrow.width, upper, (cpu, x) -> FpConversion.convert(wide, narrow, x, cpu));
    }
}
