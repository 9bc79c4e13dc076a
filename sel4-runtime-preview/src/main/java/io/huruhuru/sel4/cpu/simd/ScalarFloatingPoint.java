package io.huruhuru.sel4.cpu.simd;

import io.huruhuru.sel4.cpu.Cpu;
import io.huruhuru.sel4.cpu.Instruction;

/**
 * The scalar floating-point data-processing encodings (Arm ARM C4.1.96: FP data-processing 1, 2 and 3 source,
 * compare, conditional compare, conditional select, immediate, and the conversions to and from integers).
 */
final class ScalarFloatingPoint {
    private ScalarFloatingPoint() { }

    static Instruction decode(int insn) {
        if ((insn & 0x5F00_0000) == 0x1F00_0000) {
            return threeSource(insn);
        }
        if ((insn & 0x5F00_0000) != 0x1E00_0000 || (insn & (1 << 29)) != 0) {
            return null;
        }
        if ((insn & (1 << 21)) == 0) {
            return IntegerConversion.fixedPoint(insn);
        }
        if ((insn & 0xFC00) == 0) {
            return IntegerConversion.decode(insn);
        }
        if ((insn & 0x7C00) == 0x4000) {
            return oneSource(insn);
        }
        if ((insn & 0x3C00) == 0x2000) {
            return compare(insn);
        }
        if ((insn & 0x1C00) == 0x1000) {
            return immediate(insn);
        }
        return switch ((insn >>> 10) & 3) {
            case 1 -> conditionalCompare(insn);
            case 2 -> twoSource(insn);
            case 3 -> conditionalSelect(insn);
            default -> null;
        };
    }

    static long read(Cpu cpu, int reg, FpFormat f) {
        return cpu.v[2 * reg] & f.mask;
    }

    private static Instruction oneSource(int insn) {
        FpFormat f = FpFormat.ofType((insn >>> 22) & 3);
        int opcode = (insn >>> 15) & 63;
        int n = (insn >>> 5) & 31;
        int d = insn & 31;
        if (f == null || (insn & 0x8000_0000) != 0) {
            return null;
        }
        if ((opcode & 0b111100) == 0b000100) {
            FpFormat to = FpFormat.ofType(opcode & 3);
            if (to == null || to == f) {
                return null;
            }
            return cpu -> Lanes.writeScalar(cpu, d, FpConversion.convert(f, to, read(cpu, n, f), cpu));
        }
        return switch (opcode) {
            case 0 -> cpu -> Lanes.writeScalar(cpu, d, read(cpu, n, f));
            case 1 -> cpu -> Lanes.writeScalar(cpu, d, read(cpu, n, f) & ~f.signBit);
            case 2 -> cpu -> Lanes.writeScalar(cpu, d, read(cpu, n, f) ^ f.signBit);
            case 3 -> cpu -> Lanes.writeScalar(cpu, d, FpArithmetic.squareRoot(f, read(cpu, n, f), cpu));
            case 8, 9, 10, 11, 12 -> {
                Rounding r = opcode == 12 ? Rounding.TIE_AWAY : Rounding.ofRMode(opcode & 3);
                yield cpu -> Lanes.writeScalar(cpu, d, FpConversion.roundToIntegral(f, read(cpu, n, f), r, false, cpu));
            }
            case 14 -> cpu -> Lanes.writeScalar(cpu, d,
                    FpConversion.roundToIntegral(f, read(cpu, n, f), FpStatus.rounding(cpu.fpcr), true, cpu));
            case 15 -> cpu -> Lanes.writeScalar(cpu, d,
                    FpConversion.roundToIntegral(f, read(cpu, n, f), FpStatus.rounding(cpu.fpcr), false, cpu));
            default -> null;
        };
    }

    /** The operation of an FP data-processing (2 source) opcode, shared with the vector forms. */
    interface Binary {
        long apply(FpFormat f, long a, long b, Cpu cpu);
    }

    static Binary binary(int opcode) {
        return switch (opcode) {
            case 0 -> FpArithmetic::multiply;
            case 1 -> FpArithmetic::divide;
            case 2 -> FpArithmetic::add;
            case 3 -> FpArithmetic::subtract;
            case 4 -> FpComparison::max;
            case 5 -> FpComparison::min;
            case 6 -> FpComparison::maxNumber;
            case 7 -> FpComparison::minNumber;
            // FNMUL negates whatever FPMul gives, a NaN included (FPNeg of the result).
            case 8 -> (f, a, b, cpu) -> FpArithmetic.multiply(f, a, b, cpu) ^ f.signBit;
            default -> null;
        };
    }

    private static Instruction twoSource(int insn) {
        FpFormat f = FpFormat.ofType((insn >>> 22) & 3);
        Binary op = binary((insn >>> 12) & 15);
        if (f == null || op == null || (insn & 0x8000_0000) != 0) {
            return null;
        }
        int m = (insn >>> 16) & 31;
        int n = (insn >>> 5) & 31;
        int d = insn & 31;
        return cpu -> Lanes.writeScalar(cpu, d, op.apply(f, read(cpu, n, f), read(cpu, m, f), cpu));
    }

    private static Instruction threeSource(int insn) {
        FpFormat f = FpFormat.ofType((insn >>> 22) & 3);
        if (f == null || (insn & 0x8000_0000) != 0) {
            return null;
        }
        boolean o1 = (insn & (1 << 21)) != 0;
        boolean o0 = (insn & (1 << 15)) != 0;
        // FMADD, FMSUB (negate the product operand), FNMADD (both), FNMSUB (the addend): FP data-processing
        // (3 source) in the Arm ARM negates before FPMulAdd, so a negated NaN operand propagates negated.
        long negateAddend = o1 ? f.signBit : 0;
        long negateProduct = o0 != o1 ? f.signBit : 0;
        int m = (insn >>> 16) & 31;
        int a = (insn >>> 10) & 31;
        int n = (insn >>> 5) & 31;
        int d = insn & 31;
        return cpu -> Lanes.writeScalar(cpu, d, FpArithmetic.fusedMultiplyAdd(f,
                read(cpu, a, f) ^ negateAddend, read(cpu, n, f) ^ negateProduct, read(cpu, m, f), cpu));
    }

    private static Instruction compare(int insn) {
        FpFormat f = FpFormat.ofType((insn >>> 22) & 3);
        if (f == null || ((insn >>> 14) & 3) != 0 || (insn & 7) != 0 || (insn & 0x8000_0000) != 0) {
            return null;
        }
        int m = (insn >>> 16) & 31;
        int n = (insn >>> 5) & 31;
        boolean withZero = (insn & 8) != 0;
        boolean signalling = (insn & 16) != 0;
        return cpu -> cpu.nzcv = FpComparison.compare(f, read(cpu, n, f), withZero ? 0 : read(cpu, m, f),
                signalling, cpu);
    }

    private static Instruction conditionalCompare(int insn) {
        FpFormat f = FpFormat.ofType((insn >>> 22) & 3);
        if (f == null || (insn & 0x8000_0000) != 0) {
            return null;
        }
        int m = (insn >>> 16) & 31;
        int cond = (insn >>> 12) & 15;
        int n = (insn >>> 5) & 31;
        boolean signalling = (insn & 16) != 0;
        int flags = (insn & 15) << 28;
        return cpu -> cpu.nzcv = cpu.conditionHolds(cond)
                ? FpComparison.compare(f, read(cpu, n, f), read(cpu, m, f), signalling, cpu) : flags;
    }

    private static Instruction conditionalSelect(int insn) {
        FpFormat f = FpFormat.ofType((insn >>> 22) & 3);
        if (f == null || (insn & 0x8000_0000) != 0) {
            return null;
        }
        int m = (insn >>> 16) & 31;
        int cond = (insn >>> 12) & 15;
        int n = (insn >>> 5) & 31;
        int d = insn & 31;
        return cpu -> Lanes.writeScalar(cpu, d, read(cpu, cpu.conditionHolds(cond) ? n : m, f));
    }

    private static Instruction immediate(int insn) {
        FpFormat f = FpFormat.ofType((insn >>> 22) & 3);
        if (f == null || ((insn >>> 5) & 31) != 0 || (insn & 0x8000_0000) != 0) {
            return null;
        }
        long bits = expandImmediate(f, (insn >>> 13) & 0xFF);
        int d = insn & 31;
        return cpu -> Lanes.writeScalar(cpu, d, bits);
    }

    /** VFPExpandImm: sign a, exponent NOT(b):b...b:c:d, fraction e:f:g:h followed by zeros. */
    static long expandImmediate(FpFormat f, int imm8) {
        long sign = (imm8 >>> 7) & 1;
        int b = (imm8 >>> 6) & 1;
        int cd = (imm8 >>> 4) & 3;
        long exponent = ((long) (b ^ 1) << (f.exponentBits - 1))
                | (b == 1 ? ((1L << (f.exponentBits - 3)) - 1) << 2 : 0) | cd;
        long fraction = (long) (imm8 & 15) << (f.fractionBits - 4);
        return (sign << (f.width - 1)) | (exponent << f.fractionBits) | fraction;
    }
}
