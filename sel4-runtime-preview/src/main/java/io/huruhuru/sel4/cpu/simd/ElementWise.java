package io.huruhuru.sel4.cpu.simd;

import io.huruhuru.sel4.cpu.Cpu;
import io.huruhuru.sel4.cpu.Instruction;

/** Builds instructions that apply one operation to each element of one, two or three source registers. */
final class ElementWise {
    private ElementWise() { }

    /** An operation on zero-extended element values; the result is truncated to the element. */
    interface Unary {
        long apply(Cpu cpu, long a);
    }

    interface Binary {
        long apply(Cpu cpu, long a, long b);
    }

    interface Ternary {
        long apply(Cpu cpu, long d, long a, long b);
    }

    /** {@code count} elements of {@code bits}; a 64-bit-or-narrower result ({@code !full}) clears the top half. */
    static Instruction unary(int d, int n, int bits, int count, boolean full, Unary op) {
        return cpu -> {
            long[] a = Lanes.read(cpu, n);
            long[] r = new long[2];
            for (int i = 0; i < count; i++) {
                Lanes.set(r, i, bits, op.apply(cpu, Lanes.get(a, i, bits)));
            }
            Lanes.write(cpu, d, r, full);
        };
    }

    static Instruction binary(int d, int n, int m, int bits, int count, boolean full, Binary op) {
        return cpu -> {
            long[] a = Lanes.read(cpu, n);
            long[] b = Lanes.read(cpu, m);
            long[] r = new long[2];
            for (int i = 0; i < count; i++) {
                Lanes.set(r, i, bits, op.apply(cpu, Lanes.get(a, i, bits), Lanes.get(b, i, bits)));
            }
            Lanes.write(cpu, d, r, full);
        };
    }

    /** As binary, with the destination's old element as a third input (accumulating and inserting forms). */
    static Instruction accumulate(int d, int n, int m, int bits, int count, boolean full, Ternary op) {
        return cpu -> {
            long[] a = Lanes.read(cpu, n);
            long[] b = Lanes.read(cpu, m);
            long[] old = Lanes.read(cpu, d);
            long[] r = new long[2];
            for (int i = 0; i < count; i++) {
                Lanes.set(r, i, bits, op.apply(cpu, Lanes.get(old, i, bits), Lanes.get(a, i, bits),
                        Lanes.get(b, i, bits)));
            }
            Lanes.write(cpu, d, r, full);
        };
    }

    /** Pairwise: element i of the result combines elements 2i and 2i+1 of the concatenation Vm:Vn. */
    static Instruction pairwise(int d, int n, int m, int bits, int count, boolean full, Binary op) {
        return cpu -> {
            long[] a = Lanes.read(cpu, n);
            long[] b = Lanes.read(cpu, m);
            long[] r = new long[2];
            int half = count / 2;
            for (int i = 0; i < count; i++) {
                long[] src = i < half ? a : b;
                int j = 2 * (i < half ? i : i - half);
                Lanes.set(r, i, bits, op.apply(cpu, Lanes.get(src, j, bits), Lanes.get(src, j + 1, bits)));
            }
            Lanes.write(cpu, d, r, full);
        };
    }

    static long allOnesIf(boolean condition) {
        return condition ? -1L : 0;
    }
}
