package io.huruhuru.sel4.cpu.simd;

import io.huruhuru.sel4.cpu.Instruction;

/** Advanced SIMD three different: long (…L), wide (…W), high-half narrowing (…HN) and long multiplies. */
final class ThreeDifferent {
    private ThreeDifferent() { }

    static Instruction decode(int insn) {
        boolean upper = (insn & (1 << 30)) != 0;
        boolean u = (insn & (1 << 29)) != 0;
        int size = (insn >>> 22) & 3;
        int m = (insn >>> 16) & 31;
        int opcode = (insn >>> 12) & 15;
        int n = (insn >>> 5) & 31;
        int d = insn & 31;
        if (size == 3) {
            return null;
        }
        int bits = 8 << size;
        int wide = 2 * bits;
        int count = 64 / bits;
        if (opcode == 0b0100 || opcode == 0b0110) {
            boolean subtract = opcode == 0b0110;
            long round = u ? 1L << (bits - 1) : 0;
            return cpu -> {
                long[] a = Lanes.read(cpu, n);
                long[] b = Lanes.read(cpu, m);
                long[] r = upper ? Lanes.read(cpu, d) : new long[2];
                for (int i = 0; i < count; i++) {
                    long x = Lanes.get(a, i, wide);
                    long y = Lanes.get(b, i, wide);
                    long s = (subtract ? x - y : x + y) + round;
                    Lanes.set(r, upper ? count + i : i, bits, s >>> bits);
                }
                Lanes.write(cpu, d, r, upper);
            };
        }
        boolean wideFirst = opcode == 0b0001 || opcode == 0b0011;
        ElementWise.Ternary op = switch (opcode) {
            case 0b0000, 0b0001 -> (cpu, old, x, y) -> x + y;
            case 0b0010, 0b0011 -> (cpu, old, x, y) -> x - y;
            case 0b0101 -> (cpu, old, x, y) -> old + Math.abs(x - y);
            case 0b0111 -> (cpu, old, x, y) -> Math.abs(x - y);
            case 0b1000 -> (cpu, old, x, y) -> old + x * y;
            case 0b1010 -> (cpu, old, x, y) -> old - x * y;
            case 0b1100 -> (cpu, old, x, y) -> x * y;
            default -> null;
        };
        if (op == null) {
            return null;
        }
        return cpu -> {
            long[] a = Lanes.read(cpu, n);
            long[] b = Lanes.read(cpu, m);
            long[] old = Lanes.read(cpu, d);
            long[] r = new long[2];
            for (int i = 0; i < count; i++) {
                int lane = upper ? count + i : i;
                long x = wideFirst ? Lanes.get(a, i, wide) : extend(Lanes.get(a, lane, bits), bits, u);
                long y = extend(Lanes.get(b, lane, bits), bits, u);
                Lanes.set(r, i, wide, op.apply(cpu, Lanes.get(old, i, wide), x, y));
            }
            Lanes.write(cpu, d, r, true);
        };
    }

    private static long extend(long value, int bits, boolean unsigned) {
        return unsigned ? value : Lanes.signExtend(value, bits);
    }
}
