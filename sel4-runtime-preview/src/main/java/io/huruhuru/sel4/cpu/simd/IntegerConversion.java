package io.huruhuru.sel4.cpu.simd;

import io.huruhuru.sel4.cpu.Instruction;

/** Conversions between floating-point and general registers: FCVT*, SCVTF/UCVTF (integer and fixed-point), FMOV. */
final class IntegerConversion {
    private IntegerConversion() { }

    static Instruction decode(int insn) {
        boolean sf = (insn & 0x8000_0000) != 0;
        int ftype = (insn >>> 22) & 3;
        int rmode = (insn >>> 19) & 3;
        int opcode = (insn >>> 16) & 7;
        int n = (insn >>> 5) & 31;
        int d = insn & 31;
        int intBits = sf ? 64 : 32;
        if (opcode == 6 || opcode == 7) {
            return move(sf, ftype, rmode, opcode == 7, n, d);
        }
        FpFormat f = FpFormat.ofType(ftype);
        if (f == null) {
            return null;
        }
        if (opcode == 2 || opcode == 3) {
            if (rmode != 0) {
                return null;
            }
            boolean unsigned = opcode == 3;
            return cpu -> Lanes.writeScalar(cpu, d,
                    FpConversion.fromFixed(f, cpu.xOrZero(n), intBits, unsigned, 0, cpu));
        }
        Rounding rounding;
        if (opcode == 4 || opcode == 5) {
            if (rmode != 0) {
                return null;
            }
            rounding = Rounding.TIE_AWAY;
        } else {
            rounding = Rounding.ofRMode(rmode);
        }
        boolean unsigned = (opcode & 1) != 0;
        long resultMask = Lanes.mask(intBits);
        return cpu -> cpu.setXOrZero(d, FpConversion.toFixed(f, ScalarFloatingPoint.read(cpu, n, f), 0, unsigned,
                intBits, rounding, cpu) & resultMask);
    }

    /** FMOV between a general register and the low 16/32/64 bits, or the upper 64 bits (V.D[1]), of a V register. */
    private static Instruction move(boolean sf, int ftype, int rmode, boolean toVector, int n, int d) {
        int bits;
        if (rmode == 1) {
            if (!sf || ftype != 2) {
                return null;
            }
            return toVector ? cpu -> cpu.v[2 * d + 1] = cpu.xOrZero(n) : cpu -> cpu.setXOrZero(d, cpu.v[2 * n + 1]);
        }
        if (rmode != 0) {
            return null;
        }
        if (ftype == 3) {
            bits = 16;
        } else if (ftype == 0 && !sf) {
            bits = 32;
        } else if (ftype == 1 && sf) {
            bits = 64;
        } else {
            return null;
        }
        long mask = Lanes.mask(bits);
        return toVector ? cpu -> Lanes.writeScalar(cpu, d, cpu.xOrZero(n) & mask)
                : cpu -> cpu.setXOrZero(d, cpu.v[2 * n] & mask);
    }

    /** SCVTF/UCVTF/FCVTZS/FCVTZU with a fixed-point scale (FP to/from fixed-point, bit 21 = 0). */
    static Instruction fixedPoint(int insn) {
        boolean sf = (insn & 0x8000_0000) != 0;
        FpFormat f = FpFormat.ofType((insn >>> 22) & 3);
        int rmode = (insn >>> 19) & 3;
        int opcode = (insn >>> 16) & 7;
        int scale = (insn >>> 10) & 63;
        int n = (insn >>> 5) & 31;
        int d = insn & 31;
        if (f == null || !sf && scale < 32) {
            return null;
        }
        int fractionBits = 64 - scale;
        int intBits = sf ? 64 : 32;
        if (rmode == 3 && (opcode == 0 || opcode == 1)) {
            boolean unsigned = opcode == 1;
            long resultMask = Lanes.mask(intBits);
            return cpu -> cpu.setXOrZero(d, FpConversion.toFixed(f, ScalarFloatingPoint.read(cpu, n, f),
                    fractionBits, unsigned, intBits, Rounding.ZERO, cpu) & resultMask);
        }
        if (rmode == 0 && (opcode == 2 || opcode == 3)) {
            boolean unsigned = opcode == 3;
            return cpu -> Lanes.writeScalar(cpu, d,
                    FpConversion.fromFixed(f, cpu.xOrZero(n), intBits, unsigned, fractionBits, cpu));
        }
        return null;
    }
}
