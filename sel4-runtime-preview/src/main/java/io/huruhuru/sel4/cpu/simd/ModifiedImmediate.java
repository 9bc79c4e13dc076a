package io.huruhuru.sel4.cpu.simd;

import io.huruhuru.sel4.cpu.Instruction;

/** Advanced SIMD modified immediate: MOVI, MVNI, ORR, BIC (vector, immediate) and FMOV (vector, immediate). */
final class ModifiedImmediate {
    private ModifiedImmediate() { }

    static Instruction decode(int insn) {
        boolean full = (insn & (1 << 30)) != 0;
        boolean op = (insn & (1 << 29)) != 0;
        int cmode = (insn >>> 12) & 15;
        boolean o2 = (insn & (1 << 11)) != 0;
        int imm8 = (((insn >>> 16) & 7) << 5) | ((insn >>> 5) & 0x1F);
        int d = insn & 31;
        if (o2) {
            return null;
        }
        if (cmode == 15 && op && !full) {
            return null;
        }
        long imm = expand(op, cmode, imm8);
        boolean orr = (cmode & 1) == 1 && cmode < 12 && !op;
        boolean bic = (cmode & 1) == 1 && cmode < 12 && op;
        boolean invert = op && cmode < 14 && !bic;
        long value = invert ? ~imm : imm;
        if (orr) {
            return cpu -> {
                cpu.v[2 * d] |= value;
                cpu.v[2 * d + 1] = full ? cpu.v[2 * d + 1] | value : 0;
            };
        }
        if (bic) {
            return cpu -> {
                cpu.v[2 * d] &= ~value;
                cpu.v[2 * d + 1] = full ? cpu.v[2 * d + 1] & ~value : 0;
            };
        }
        return cpu -> {
            cpu.v[2 * d] = value;
            cpu.v[2 * d + 1] = full ? value : 0;
        };
    }

    /** AdvSIMDExpandImm: the 64-bit pattern that cmode and op make of imm8. */
    static long expand(boolean op, int cmode, int imm8) {
        long b = imm8 & 0xFFL;
        return switch (cmode >>> 1) {
            case 0, 1, 2, 3 -> replicate32(b << (8 * (cmode >>> 1)));
            case 4, 5 -> replicate16(b << (8 * ((cmode >>> 1) & 1)));
            case 6 -> replicate32((cmode & 1) == 0 ? (b << 8) | 0xFF : (b << 16) | 0xFFFF);
            default -> {
                if ((cmode & 1) == 0) {
                    if (!op) {
                        yield b * 0x0101_0101_0101_0101L;
                    }
                    long r = 0;
                    for (int i = 0; i < 8; i++) {
                        if ((imm8 & (1 << i)) != 0) {
                            r |= 0xFFL << (8 * i);
                        }
                    }
                    yield r;
                }
                yield op ? ScalarFloatingPoint.expandImmediate(FpFormat.DOUBLE, imm8)
                        : replicate32(ScalarFloatingPoint.expandImmediate(FpFormat.SINGLE, imm8));
            }
        };
    }

    private static long replicate32(long v) {
        return (v & 0xFFFF_FFFFL) | (v << 32);
    }

    private static long replicate16(long v) {
        v &= 0xFFFF;
        return v | (v << 16) | (v << 32) | (v << 48);
    }
}
