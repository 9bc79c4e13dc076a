package io.huruhuru.sel4.cpu;

/** Data-processing (1, 2 and 3 source) of Arm ARM C4.1.88: division, variable shifts, bit counts, multiplies. */
final class Arithmetic {
    private static final long W = 0xFFFF_FFFFL;

    private Arithmetic() { }

    static Instruction twoSource(int insn) {
        boolean wide = (insn >>> 31) != 0;
        if (((insn >>> 29) & 1) != 0) {
            return null;
        }
        int opcode = (insn >>> 10) & 0x3F;
        int rm = (insn >>> 16) & 31;
        int rn = (insn >>> 5) & 31;
        int rd = insn & 31;
        // Division by zero yields zero and no exception (Arm ARM C6.2 "UDIV"/"SDIV").
        if (wide) {
            return switch (opcode) {
                case 2 -> cpu -> {
                    long divisor = cpu.xOrZero(rm);
                    cpu.setXOrZero(rd, divisor == 0 ? 0 : Long.divideUnsigned(cpu.xOrZero(rn), divisor));
                };
                case 3 -> cpu -> {
                    long divisor = cpu.xOrZero(rm);
                    // Long.MIN_VALUE / -1 wraps to Long.MIN_VALUE in Java as on the Arm.
                    cpu.setXOrZero(rd, divisor == 0 ? 0 : cpu.xOrZero(rn) / divisor);
                };
                case 8 -> cpu -> cpu.setXOrZero(rd, cpu.xOrZero(rn) << cpu.xOrZero(rm));
                case 9 -> cpu -> cpu.setXOrZero(rd, cpu.xOrZero(rn) >>> cpu.xOrZero(rm));
                case 10 -> cpu -> cpu.setXOrZero(rd, cpu.xOrZero(rn) >> cpu.xOrZero(rm));
                case 11 -> cpu -> cpu.setXOrZero(rd, Long.rotateRight(cpu.xOrZero(rn), (int) cpu.xOrZero(rm)));
                default -> null;
            };
        }
        return switch (opcode) {
            case 2 -> cpu -> {
                int divisor = (int) cpu.xOrZero(rm);
                cpu.setXOrZero(rd, divisor == 0 ? 0 : Integer.divideUnsigned((int) cpu.xOrZero(rn), divisor) & W);
            };
            case 3 -> cpu -> {
                int divisor = (int) cpu.xOrZero(rm);
                cpu.setXOrZero(rd, divisor == 0 ? 0 : ((int) cpu.xOrZero(rn) / divisor) & W);
            };
            case 8 -> cpu -> cpu.setXOrZero(rd, ((int) cpu.xOrZero(rn) << cpu.xOrZero(rm)) & W);
            case 9 -> cpu -> cpu.setXOrZero(rd, ((int) cpu.xOrZero(rn) >>> cpu.xOrZero(rm)) & W);
            case 10 -> cpu -> cpu.setXOrZero(rd, ((int) cpu.xOrZero(rn) >> cpu.xOrZero(rm)) & W);
            case 11 -> cpu -> cpu.setXOrZero(rd, Integer.rotateRight((int) cpu.xOrZero(rn), (int) cpu.xOrZero(rm)) & W);
            default -> null;
        };
    }

    static Instruction oneSource(int insn) {
        boolean wide = (insn >>> 31) != 0;
        int opcode2 = (insn >>> 16) & 31;
        int opcode = (insn >>> 10) & 0x3F;
        if (((insn >>> 29) & 1) != 0 || opcode2 != 0) {
            return null;
        }
        int rn = (insn >>> 5) & 31;
        int rd = insn & 31;
        if (wide) {
            return switch (opcode) {
                case 0 -> cpu -> cpu.setXOrZero(rd, Long.reverse(cpu.xOrZero(rn)));
                case 1 -> cpu -> cpu.setXOrZero(rd, reverseBytesInHalves(cpu.xOrZero(rn)));
                case 2 -> cpu -> {
                    long value = Long.reverseBytes(cpu.xOrZero(rn));
                    cpu.setXOrZero(rd, (value >>> 32) | (value << 32));
                };
                case 3 -> cpu -> cpu.setXOrZero(rd, Long.reverseBytes(cpu.xOrZero(rn)));
                case 4 -> cpu -> cpu.setXOrZero(rd, Long.numberOfLeadingZeros(cpu.xOrZero(rn)));
                case 5 -> cpu -> {
                    long value = cpu.xOrZero(rn);
                    cpu.setXOrZero(rd, Long.numberOfLeadingZeros(value ^ (value >> 1)) - 1);
                };
                default -> null;
            };
        }
        return switch (opcode) {
            case 0 -> cpu -> cpu.setXOrZero(rd, Integer.reverse((int) cpu.xOrZero(rn)) & W);
            case 1 -> cpu -> cpu.setXOrZero(rd, reverseBytesInHalves(cpu.xOrZero(rn)) & W);
            case 2 -> cpu -> cpu.setXOrZero(rd, Integer.reverseBytes((int) cpu.xOrZero(rn)) & W);
            case 4 -> cpu -> cpu.setXOrZero(rd, Integer.numberOfLeadingZeros((int) cpu.xOrZero(rn)));
            case 5 -> cpu -> {
                int value = (int) cpu.xOrZero(rn);
                cpu.setXOrZero(rd, Integer.numberOfLeadingZeros(value ^ (value >> 1)) - 1);
            };
            default -> null;
        };
    }

    private static long reverseBytesInHalves(long value) {
        return ((value & 0x00FF_00FF_00FF_00FFL) << 8) | ((value >>> 8) & 0x00FF_00FF_00FF_00FFL);
    }

    static Instruction threeSource(int insn) {
        boolean wide = (insn >>> 31) != 0;
        int op54 = (insn >>> 29) & 3;
        int op31 = (insn >>> 21) & 7;
        boolean o0 = ((insn >>> 15) & 1) != 0;
        int rm = (insn >>> 16) & 31;
        int ra = (insn >>> 10) & 31;
        int rn = (insn >>> 5) & 31;
        int rd = insn & 31;
        if (op54 != 0 || (!wide && op31 != 0)) {
            return null;
        }
        return switch (op31) {
            case 0 -> {
                long mask = wide ? -1L : W;
                if (!o0 && ra == 31) {
                    yield cpu -> cpu.setXOrZero(rd, (cpu.xOrZero(rn) * cpu.xOrZero(rm)) & mask);
                }
                yield o0 ? cpu -> cpu.setXOrZero(rd, (cpu.xOrZero(ra) - cpu.xOrZero(rn) * cpu.xOrZero(rm)) & mask)
                        : cpu -> cpu.setXOrZero(rd, (cpu.xOrZero(ra) + cpu.xOrZero(rn) * cpu.xOrZero(rm)) & mask);
            }
            case 1 -> o0
                    ? cpu -> cpu.setXOrZero(rd, cpu.xOrZero(ra) - (long) (int) cpu.xOrZero(rn) * (int) cpu.xOrZero(rm))
                    : cpu -> cpu.setXOrZero(rd, cpu.xOrZero(ra) + (long) (int) cpu.xOrZero(rn) * (int) cpu.xOrZero(rm));
            case 2 -> o0 ? null
                    : cpu -> cpu.setXOrZero(rd, Math.multiplyHigh(cpu.xOrZero(rn), cpu.xOrZero(rm)));
            case 5 -> o0
                    ? cpu -> cpu.setXOrZero(rd, cpu.xOrZero(ra) - (cpu.xOrZero(rn) & W) * (cpu.xOrZero(rm) & W))
                    : cpu -> cpu.setXOrZero(rd, cpu.xOrZero(ra) + (cpu.xOrZero(rn) & W) * (cpu.xOrZero(rm) & W));
            case 6 -> o0 ? null
                    : cpu -> cpu.setXOrZero(rd, unsignedMultiplyHigh(cpu.xOrZero(rn), cpu.xOrZero(rm)));
            default -> null;
        };
    }

    private static long unsignedMultiplyHigh(long a, long b) {
        long high = Math.multiplyHigh(a, b);
        return high + ((a >> 63) & b) + ((b >> 63) & a);
    }
}
