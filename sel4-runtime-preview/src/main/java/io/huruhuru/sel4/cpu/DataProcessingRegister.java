package io.huruhuru.sel4.cpu;

/** "Data Processing -- Register" (Arm ARM C4.1.88): op0 = x101; op1 = bit 28, op2 = bits 24:21. */
final class DataProcessingRegister {
    private static final long W = 0xFFFF_FFFFL;

    private DataProcessingRegister() { }

    static Instruction decode(int insn) {
        boolean op1 = ((insn >>> 28) & 1) != 0;
        int op2 = (insn >>> 21) & 0xF;
        if (!op1) {
            if ((op2 & 8) == 0) {
                return logicalShifted(insn);
            }
            return (op2 & 1) == 0 ? addSubtractShifted(insn) : addSubtractExtended(insn);
        }
        return switch (op2) {
            case 0 -> ((insn >>> 10) & 0x3F) == 0 ? addSubtractCarry(insn) : null;
            case 2 -> conditionalCompare(insn);
            case 4 -> conditionalSelect(insn);
            case 6 -> ((insn >>> 30) & 1) == 0 ? Arithmetic.twoSource(insn) : Arithmetic.oneSource(insn);
            default -> op2 >= 8 ? Arithmetic.threeSource(insn) : null;
        };
    }

    private static Instruction logicalShifted(int insn) {
        boolean wide = (insn >>> 31) != 0;
        int opc = (insn >>> 29) & 3;
        int type = (insn >>> 22) & 3;
        boolean invert = ((insn >>> 21) & 1) != 0;
        int amount = (insn >>> 10) & 0x3F;
        if (!wide && amount >= 32) {
            return null;
        }
        int rm = (insn >>> 16) & 31;
        int rn = (insn >>> 5) & 31;
        int rd = insn & 31;
        long mask = wide ? -1L : W;
        if (opc == 1 && !invert && type == 0 && amount == 0 && rn == 31) {
            return wide ? cpu -> cpu.setXOrZero(rd, cpu.xOrZero(rm)) : cpu -> cpu.setXOrZero(rd, cpu.xOrZero(rm) & W);
        }
        if (type == 0 && amount == 0 && !invert && wide) {
            return switch (opc) {
                case 0 -> cpu -> cpu.setXOrZero(rd, cpu.xOrZero(rn) & cpu.xOrZero(rm));
                case 1 -> cpu -> cpu.setXOrZero(rd, cpu.xOrZero(rn) | cpu.xOrZero(rm));
                case 2 -> cpu -> cpu.setXOrZero(rd, cpu.xOrZero(rn) ^ cpu.xOrZero(rm));
                default -> cpu -> {
                    long r = cpu.xOrZero(rn) & cpu.xOrZero(rm);
                    cpu.nzcv = Alu.logicFlags64(r);
                    cpu.setXOrZero(rd, r);
                };
            };
        }
        long flip = invert ? mask : 0;
        return switch (opc) {
            case 0 -> cpu -> cpu.setXOrZero(rd,
                    cpu.xOrZero(rn) & (Alu.shift(cpu.xOrZero(rm), type, amount, wide) ^ flip) & mask);
            case 1 -> cpu -> cpu.setXOrZero(rd,
                    (cpu.xOrZero(rn) | (Alu.shift(cpu.xOrZero(rm), type, amount, wide) ^ flip)) & mask);
            case 2 -> cpu -> cpu.setXOrZero(rd,
                    (cpu.xOrZero(rn) ^ (Alu.shift(cpu.xOrZero(rm), type, amount, wide) ^ flip)) & mask);
            default -> cpu -> {
                long r = cpu.xOrZero(rn) & (Alu.shift(cpu.xOrZero(rm), type, amount, wide) ^ flip) & mask;
                cpu.nzcv = wide ? Alu.logicFlags64(r) : Alu.logicFlags32(r);
                cpu.setXOrZero(rd, r);
            };
        };
    }

    private static Instruction addSubtractShifted(int insn) {
        boolean wide = (insn >>> 31) != 0;
        boolean subtract = ((insn >>> 30) & 1) != 0;
        boolean setFlags = ((insn >>> 29) & 1) != 0;
        int type = (insn >>> 22) & 3;
        int amount = (insn >>> 10) & 0x3F;
        if (type == 3 || (!wide && amount >= 32)) {
            return null;
        }
        int rm = (insn >>> 16) & 31;
        int rn = (insn >>> 5) & 31;
        int rd = insn & 31;
        if (wide && !setFlags && type == 0 && amount == 0) {
            return subtract ? cpu -> cpu.setXOrZero(rd, cpu.xOrZero(rn) - cpu.xOrZero(rm))
                    : cpu -> cpu.setXOrZero(rd, cpu.xOrZero(rn) + cpu.xOrZero(rm));
        }
        long invert = subtract ? -1L : 0;
        int carry = subtract ? 1 : 0;
        if (wide) {
            return cpu -> cpu.setXOrZero(rd, Alu.add64(cpu, cpu.xOrZero(rn),
                    Alu.shift(cpu.xOrZero(rm), type, amount, true) ^ invert, carry, setFlags));
        }
        return cpu -> cpu.setXOrZero(rd, Alu.add32(cpu, cpu.xOrZero(rn),
                Alu.shift(cpu.xOrZero(rm), type, amount, false) ^ invert, carry, setFlags));
    }

    private static Instruction addSubtractExtended(int insn) {
        boolean wide = (insn >>> 31) != 0;
        boolean subtract = ((insn >>> 30) & 1) != 0;
        boolean setFlags = ((insn >>> 29) & 1) != 0;
        int opt = (insn >>> 22) & 3;
        int option = (insn >>> 13) & 7;
        int shift = (insn >>> 10) & 7;
        if (opt != 0 || shift > 4) {
            return null;
        }
        int rm = (insn >>> 16) & 31;
        int rn = (insn >>> 5) & 31;
        int rd = insn & 31;
        long invert = subtract ? -1L : 0;
        int carry = subtract ? 1 : 0;
        if (setFlags) {
            return wide
                    ? cpu -> cpu.setXOrZero(rd, Alu.add64(cpu, cpu.xOrSp(rn),
                            Alu.extend(cpu.xOrZero(rm), option, shift) ^ invert, carry, true))
                    : cpu -> cpu.setXOrZero(rd, Alu.add32(cpu, cpu.xOrSp(rn),
                            Alu.extend(cpu.xOrZero(rm), option, shift) ^ invert, carry, true));
        }
        return wide
                ? cpu -> cpu.setXOrSp(rd, Alu.add64(cpu, cpu.xOrSp(rn),
                        Alu.extend(cpu.xOrZero(rm), option, shift) ^ invert, carry, false))
                : cpu -> cpu.setXOrSp(rd, Alu.add32(cpu, cpu.xOrSp(rn),
                        Alu.extend(cpu.xOrZero(rm), option, shift) ^ invert, carry, false));
    }

    private static Instruction addSubtractCarry(int insn) {
        boolean wide = (insn >>> 31) != 0;
        boolean subtract = ((insn >>> 30) & 1) != 0;
        boolean setFlags = ((insn >>> 29) & 1) != 0;
        int rm = (insn >>> 16) & 31;
        int rn = (insn >>> 5) & 31;
        int rd = insn & 31;
        long invert = subtract ? -1L : 0;
        if (wide) {
            return cpu -> cpu.setXOrZero(rd, Alu.add64(cpu, cpu.xOrZero(rn), cpu.xOrZero(rm) ^ invert,
                    (cpu.nzcv >>> 29) & 1, setFlags));
        }
        return cpu -> cpu.setXOrZero(rd, Alu.add32(cpu, cpu.xOrZero(rn), cpu.xOrZero(rm) ^ invert,
                (cpu.nzcv >>> 29) & 1, setFlags));
    }

    private static Instruction conditionalCompare(int insn) {
        boolean wide = (insn >>> 31) != 0;
        boolean subtract = ((insn >>> 30) & 1) != 0;
        boolean setFlags = ((insn >>> 29) & 1) != 0;
        boolean immediate = ((insn >>> 11) & 1) != 0;
        if (!setFlags || ((insn >>> 10) & 1) != 0 || ((insn >>> 4) & 1) != 0) {
            return null;
        }
        int rm = (insn >>> 16) & 31;
        int cond = (insn >>> 12) & 0xF;
        int rn = (insn >>> 5) & 31;
        int flags = (insn & 0xF) << 28;
        long invert = subtract ? -1L : 0;
        int carry = subtract ? 1 : 0;
        return cpu -> {
            if (cpu.conditionHolds(cond)) {
                long operand = (immediate ? rm : cpu.xOrZero(rm)) ^ invert;
                if (wide) {
                    Alu.add64(cpu, cpu.xOrZero(rn), operand, carry, true);
                } else {
                    Alu.add32(cpu, cpu.xOrZero(rn), operand, carry, true);
                }
            } else {
                cpu.nzcv = flags;
            }
        };
    }

    private static Instruction conditionalSelect(int insn) {
        boolean wide = (insn >>> 31) != 0;
        boolean op = ((insn >>> 30) & 1) != 0;
        int op2 = (insn >>> 10) & 3;
        if (((insn >>> 29) & 1) != 0 || op2 > 1) {
            return null;
        }
        int rm = (insn >>> 16) & 31;
        int cond = (insn >>> 12) & 0xF;
        int rn = (insn >>> 5) & 31;
        int rd = insn & 31;
        long mask = wide ? -1L : W;
        int kind = (op ? 2 : 0) | op2;
        return switch (kind) {
            case 0 -> cpu -> cpu.setXOrZero(rd, (cpu.conditionHolds(cond) ? cpu.xOrZero(rn) : cpu.xOrZero(rm)) & mask);
            case 1 -> cpu -> cpu.setXOrZero(rd,
                    (cpu.conditionHolds(cond) ? cpu.xOrZero(rn) : cpu.xOrZero(rm) + 1) & mask);
            case 2 -> cpu -> cpu.setXOrZero(rd, (cpu.conditionHolds(cond) ? cpu.xOrZero(rn) : ~cpu.xOrZero(rm)) & mask);
            default -> cpu -> cpu.setXOrZero(rd,
                    (cpu.conditionHolds(cond) ? cpu.xOrZero(rn) : -cpu.xOrZero(rm)) & mask);
        };
    }
}
