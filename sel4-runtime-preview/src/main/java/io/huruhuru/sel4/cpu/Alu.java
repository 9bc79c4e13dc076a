package io.huruhuru.sel4.cpu;

/** The integer arithmetic the Arm ARM's shared pseudocode defines (AddWithCarry, DecodeBitMasks, ShiftReg). */
final class Alu {
    static final int N = 1 << 31;
    static final int Z = 1 << 30;
    static final int C = 1 << 29;
    static final int V = 1 << 28;

    private Alu() { }

    /** AddWithCarry on 64 bits; sets NZCV when {@code setFlags}. */
    static long add64(Cpu cpu, long x, long y, int carryIn, boolean setFlags) {
        long result = x + y + carryIn;
        if (setFlags) {
            boolean carry = Long.compareUnsigned(result, x) < 0 || (carryIn != 0 && result == x);
            boolean overflow = ((x ^ result) & (y ^ result)) < 0;
            cpu.nzcv = (result < 0 ? N : 0) | (result == 0 ? Z : 0) | (carry ? C : 0) | (overflow ? V : 0);
        }
        return result;
    }

    /** AddWithCarry on 32 bits; the result is zero-extended as a W register write is. */
    static long add32(Cpu cpu, long x, long y, int carryIn, boolean setFlags) {
        long unsigned = (x & 0xFFFF_FFFFL) + (y & 0xFFFF_FFFFL) + carryIn;
        int result = (int) unsigned;
        if (setFlags) {
            long signed = (long) (int) x + (long) (int) y + carryIn;
            cpu.nzcv = (result < 0 ? N : 0) | (result == 0 ? Z : 0) | ((unsigned >>> 32) != 0 ? C : 0)
                    | (signed != result ? V : 0);
        }
        return result & 0xFFFF_FFFFL;
    }

    /** Flags of ANDS/BICS/TST: N and Z from the result, C and V cleared. */
    static int logicFlags64(long result) {
        return (result < 0 ? N : 0) | (result == 0 ? Z : 0);
    }

    static int logicFlags32(long result) {
        int r = (int) result;
        return (r < 0 ? N : 0) | (r == 0 ? Z : 0);
    }

    /** ShiftReg: type 0 LSL, 1 LSR, 2 ASR, 3 ROR; 32-bit results are zero-extended. */
    static long shift(long value, int type, int amount, boolean wide) {
        if (wide) {
            return switch (type) {
                case 0 -> value << amount;
                case 1 -> value >>> amount;
                case 2 -> value >> amount;
                default -> Long.rotateRight(value, amount);
            };
        }
        int w = (int) value;
        int r = switch (type) {
            case 0 -> w << amount;
            case 1 -> w >>> amount;
            case 2 -> w >> amount;
            default -> Integer.rotateRight(w, amount);
        };
        return r & 0xFFFF_FFFFL;
    }

    /** ExtendReg: option 0..7 = UXTB UXTH UXTW UXTX SXTB SXTH SXTW SXTX, then shifted left. */
    static long extend(long value, int option, int shift) {
        long extended = switch (option) {
            case 0 -> value & 0xFF;
            case 1 -> value & 0xFFFF;
            case 2 -> value & 0xFFFF_FFFFL;
            case 4 -> (byte) value;
            case 5 -> (short) value;
            case 6 -> (int) value;
            default -> value;
        };
        return extended << shift;
    }

    /**
     * DecodeBitMasks (Arm ARM J1.1.3, aarch64/instrs/integer/bitmasks): {wmask, tmask} for a datasize of 32 or 64,
     * or null for a reserved combination.
     */
    static long[] decodeBitMasks(int immN, int imms, int immr, boolean immediate, int datasize) {
        int combined = (immN << 6) | (~imms & 0x3F);
        if (combined == 0) {
            return null;
        }
        int len = 31 - Integer.numberOfLeadingZeros(combined);
        if (len < 1 || (1 << len) > datasize) {
            return null;
        }
        int levels = (1 << len) - 1;
        if (immediate && (imms & levels) == levels) {
            return null;
        }
        int s = imms & levels;
        int r = immr & levels;
        int d = (s - r) & levels;
        int esize = 1 << len;
        long welem = ones(s + 1);
        long telem = ones(d + 1);
        long wmask = replicate(rotateRight(welem, r, esize), esize, datasize);
        long tmask = replicate(telem, esize, datasize);
        return new long[] {wmask, tmask};
    }

    static long ones(int count) {
        return count >= 64 ? -1L : (1L << count) - 1;
    }

    private static long rotateRight(long value, int amount, int size) {
        if (amount == 0) {
            return value;
        }
        long mask = ones(size);
        return ((value >>> amount) | (value << (size - amount))) & mask;
    }

    private static long replicate(long element, int esize, int datasize) {
        long result = 0;
        for (int i = 0; i < datasize; i += esize) {
            result |= element << i;
        }
        return datasize == 64 ? result : result & 0xFFFF_FFFFL;
    }
}
