package io.huruhuru.sel4.cpu;

/** "Data Processing -- Immediate" (Arm ARM C4.1.86): op0 = 100x, selected by bits 25:23. */
final class DataProcessingImmediate {
    private DataProcessingImmediate() { }

    static Instruction decode(int insn, long pc) {
        return switch ((insn >>> 23) & 7) {
            case 0, 1 -> pcRelative(insn, pc);
            case 2 -> addSubtract(insn);
            case 4 -> logical(insn);
            case 5 -> moveWide(insn);
            case 6 -> bitfield(insn);
            case 7 -> extract(insn);
            default -> null;
        };
    }

    private static Instruction pcRelative(int insn, long pc) {
        int rd = insn & 31;
        long imm = ((long) (insn << 8) >> 13 << 2) | ((insn >>> 29) & 3);
        long value = (insn >>> 31) == 0 ? pc + imm : (pc & ~0xFFFL) + (imm << 12);
        return cpu -> cpu.setXOrZero(rd, value);
    }

    private static Instruction addSubtract(int insn) {
        boolean wide = (insn >>> 31) != 0;
        boolean subtract = ((insn >>> 30) & 1) != 0;
        boolean setFlags = ((insn >>> 29) & 1) != 0;
        long imm = ((insn >>> 10) & 0xFFF) << (((insn >>> 22) & 1) * 12);
        int rn = (insn >>> 5) & 31;
        int rd = insn & 31;
        if (wide && !setFlags) {
            long delta = subtract ? -imm : imm;
            if (rn != 31 && rd != 31) {
                return cpu -> cpu.x[rd] = cpu.x[rn] + delta;
            }
            return cpu -> cpu.setXOrSp(rd, cpu.xOrSp(rn) + delta);
        }
        long operand = subtract ? ~imm : imm;
        int carry = subtract ? 1 : 0;
        if (wide) {
            return cpu -> cpu.setXOrZero(rd, Alu.add64(cpu, cpu.xOrSp(rn), operand, carry, true));
        }
        if (setFlags) {
            return cpu -> cpu.setXOrZero(rd, Alu.add32(cpu, cpu.xOrSp(rn), operand, carry, true));
        }
        return cpu -> cpu.setXOrSp(rd, Alu.add32(cpu, cpu.xOrSp(rn), operand, carry, false));
    }

    private static Instruction logical(int insn) {
        boolean wide = (insn >>> 31) != 0;
        int opc = (insn >>> 29) & 3;
        long[] masks = Alu.decodeBitMasks((insn >>> 22) & 1, (insn >>> 10) & 0x3F, (insn >>> 16) & 0x3F, true,
                wide ? 64 : 32);
        if (masks == null) {
            return null;
        }
        long imm = masks[0];
        int rn = (insn >>> 5) & 31;
        int rd = insn & 31;
        return switch (opc) {
            case 0 -> cpu -> cpu.setXOrSp(rd, cpu.xOrZero(rn) & imm);
            case 1 -> wide ? cpu -> cpu.setXOrSp(rd, cpu.xOrZero(rn) | imm)
                    : cpu -> cpu.setXOrSp(rd, (cpu.xOrZero(rn) | imm) & 0xFFFF_FFFFL);
            case 2 -> wide ? cpu -> cpu.setXOrSp(rd, cpu.xOrZero(rn) ^ imm)
                    : cpu -> cpu.setXOrSp(rd, (cpu.xOrZero(rn) ^ imm) & 0xFFFF_FFFFL);
            default -> wide ? cpu -> {
                long r = cpu.xOrZero(rn) & imm;
                cpu.nzcv = Alu.logicFlags64(r);
                cpu.setXOrZero(rd, r);
            } : cpu -> {
                long r = cpu.xOrZero(rn) & imm;
                cpu.nzcv = Alu.logicFlags32(r);
                cpu.setXOrZero(rd, r);
            };
        };
    }

    private static Instruction moveWide(int insn) {
        boolean wide = (insn >>> 31) != 0;
        int opc = (insn >>> 29) & 3;
        int hw = (insn >>> 21) & 3;
        if (opc == 1 || (!wide && hw >= 2)) {
            return null;
        }
        int shift = hw * 16;
        long imm = ((insn >>> 5) & 0xFFFFL) << shift;
        int rd = insn & 31;
        long widthMask = wide ? -1L : 0xFFFF_FFFFL;
        return switch (opc) {
            case 0 -> {
                long value = ~imm & widthMask;
                yield cpu -> cpu.setXOrZero(rd, value);
            }
            case 2 -> cpu -> cpu.setXOrZero(rd, imm);
            default -> {
                long keep = ~(0xFFFFL << shift) & widthMask;
                yield cpu -> cpu.setXOrZero(rd, (cpu.xOrZero(rd) & keep) | imm);
            }
        };
    }

    private static Instruction bitfield(int insn) {
        boolean wide = (insn >>> 31) != 0;
        int opc = (insn >>> 29) & 3;
        int n = (insn >>> 22) & 1;
        int immr = (insn >>> 16) & 0x3F;
        int imms = (insn >>> 10) & 0x3F;
        int datasize = wide ? 64 : 32;
        if (opc == 3 || n != (wide ? 1 : 0) || (!wide && (immr >= 32 || imms >= 32))) {
            return null;
        }
        long[] masks = Alu.decodeBitMasks(n, imms, immr, false, datasize);
        if (masks == null) {
            return null;
        }
        int rn = (insn >>> 5) & 31;
        int rd = insn & 31;
        long wmask = masks[0];
        long tmask = masks[1];
        int r = immr;
        int s = imms;
        if (opc == 2 && wide && imms != 63 && imms + 1 == immr) {
            int left = 63 - imms;
            return cpu -> cpu.setXOrZero(rd, cpu.xOrZero(rn) << left);
        }
        if (opc == 2 && wide && imms == 63) {
            return cpu -> cpu.setXOrZero(rd, cpu.xOrZero(rn) >>> r);
        }
        if (opc == 0 && wide && imms == 63) {
            return cpu -> cpu.setXOrZero(rd, cpu.xOrZero(rn) >> r);
        }
        return switch (opc) {
            case 0 -> cpu -> {
                long src = cpu.xOrZero(rn);
                long bot = rotate(src, r, wide) & wmask;
                long top = ((src >>> s) & 1) != 0 ? (wide ? -1L : 0xFFFF_FFFFL) : 0;
                cpu.setXOrZero(rd, (top & ~tmask) | (bot & tmask));
            };
            case 1 -> cpu -> {
                long dst = cpu.xOrZero(rd);
                long bot = (dst & ~wmask) | (rotate(cpu.xOrZero(rn), r, wide) & wmask);
                long result = (dst & ~tmask) | (bot & tmask);
                cpu.setXOrZero(rd, wide ? result : result & 0xFFFF_FFFFL);
            };
            default -> cpu -> cpu.setXOrZero(rd, rotate(cpu.xOrZero(rn), r, wide) & wmask & tmask);
        };
    }

    private static long rotate(long value, int amount, boolean wide) {
        return wide ? Long.rotateRight(value, amount) : Integer.rotateRight((int) value, amount) & 0xFFFF_FFFFL;
    }

    private static Instruction extract(int insn) {
        boolean wide = (insn >>> 31) != 0;
        int op21 = (insn >>> 29) & 3;
        int n = (insn >>> 22) & 1;
        int o0 = (insn >>> 21) & 1;
        int lsb = (insn >>> 10) & 0x3F;
        if (op21 != 0 || o0 != 0 || n != (wide ? 1 : 0) || (!wide && lsb >= 32)) {
            return null;
        }
        int rm = (insn >>> 16) & 31;
        int rn = (insn >>> 5) & 31;
        int rd = insn & 31;
        if (wide) {
            return cpu -> {
                long low = cpu.xOrZero(rm);
                long high = cpu.xOrZero(rn);
                cpu.setXOrZero(rd, lsb == 0 ? low : (low >>> lsb) | (high << (64 - lsb)));
            };
        }
        return cpu -> {
            long concatenated = (cpu.xOrZero(rn) << 32) | (cpu.xOrZero(rm) & 0xFFFF_FFFFL);
            cpu.setXOrZero(rd, (concatenated >>> lsb) & 0xFFFF_FFFFL);
        };
    }
}
