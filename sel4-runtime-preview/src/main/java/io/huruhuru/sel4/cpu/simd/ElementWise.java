package io.huruhuru.sel4.cpu.simd;

import io.huruhuru.sel4.cpu.Cpu;
import io.huruhuru.sel4.cpu.Instruction;

/**
 * Builds instructions that apply one operation to each element of one, two or three source registers. The
 * sources are read into locals before the destination is written, so Vd may be one of them.
 */
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
        long mask = Lanes.mask(bits);
        int low = Math.min(count, 64 / bits);
        int high = count - low;
        return cpu -> {
            long a0 = cpu.v[2 * n];
            long a1 = cpu.v[2 * n + 1];
            long r0 = 0;
            long r1 = 0;
            for (int i = 0, s = 0; i < low; i++, s += bits) {
                r0 |= (op.apply(cpu, (a0 >>> s) & mask) & mask) << s;
            }
            for (int i = 0, s = 0; i < high; i++, s += bits) {
                r1 |= (op.apply(cpu, (a1 >>> s) & mask) & mask) << s;
            }
            cpu.v[2 * d] = r0;
            cpu.v[2 * d + 1] = full ? r1 : 0;
        };
    }

    static Instruction binary(int d, int n, int m, int bits, int count, boolean full, Binary op) {
        long mask = Lanes.mask(bits);
        int low = Math.min(count, 64 / bits);
        int high = count - low;
        return cpu -> {
            long a0 = cpu.v[2 * n];
            long a1 = cpu.v[2 * n + 1];
            long b0 = cpu.v[2 * m];
            long b1 = cpu.v[2 * m + 1];
            long r0 = 0;
            long r1 = 0;
            for (int i = 0, s = 0; i < low; i++, s += bits) {
                r0 |= (op.apply(cpu, (a0 >>> s) & mask, (b0 >>> s) & mask) & mask) << s;
            }
            for (int i = 0, s = 0; i < high; i++, s += bits) {
                r1 |= (op.apply(cpu, (a1 >>> s) & mask, (b1 >>> s) & mask) & mask) << s;
            }
            cpu.v[2 * d] = r0;
            cpu.v[2 * d + 1] = full ? r1 : 0;
        };
    }

    /** As binary, with the destination's old element as a third input (accumulating and inserting forms). */
    static Instruction accumulate(int d, int n, int m, int bits, int count, boolean full, Ternary op) {
        long mask = Lanes.mask(bits);
        int low = Math.min(count, 64 / bits);
        int high = count - low;
        return cpu -> {
            long a0 = cpu.v[2 * n];
            long a1 = cpu.v[2 * n + 1];
            long b0 = cpu.v[2 * m];
            long b1 = cpu.v[2 * m + 1];
            long d0 = cpu.v[2 * d];
            long d1 = cpu.v[2 * d + 1];
            long r0 = 0;
            long r1 = 0;
            for (int i = 0, s = 0; i < low; i++, s += bits) {
                r0 |= (op.apply(cpu, (d0 >>> s) & mask, (a0 >>> s) & mask, (b0 >>> s) & mask) & mask) << s;
            }
            for (int i = 0, s = 0; i < high; i++, s += bits) {
                r1 |= (op.apply(cpu, (d1 >>> s) & mask, (a1 >>> s) & mask, (b1 >>> s) & mask) & mask) << s;
            }
            cpu.v[2 * d] = r0;
            cpu.v[2 * d + 1] = full ? r1 : 0;
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

    /** 0xFF in each byte where {@code a} and {@code b} agree, 0 elsewhere (a carry-free zero-byte test). */
    static long bytesEqual(long a, long b) {
        long x = a ^ b;
        long zeroHigh = ~(((x & 0x7F7F_7F7F_7F7F_7F7FL) + 0x7F7F_7F7F_7F7F_7F7FL) | x) & 0x8080_8080_8080_8080L;
        return (zeroHigh >>> 7) * 0xFF;
    }

    /** CMEQ on bytes (Vm, or zero when {@code m} is negative), eight lanes at a time. */
    static Instruction compareBytesEqual(int d, int n, int m, boolean full) {
        return cpu -> {
            long b0 = m < 0 ? 0 : cpu.v[2 * m];
            long b1 = m < 0 ? 0 : cpu.v[2 * m + 1];
            long r0 = bytesEqual(cpu.v[2 * n], b0);
            long r1 = full ? bytesEqual(cpu.v[2 * n + 1], b1) : 0;
            cpu.v[2 * d] = r0;
            cpu.v[2 * d + 1] = r1;
        };
    }

    /** UMAXP/UMINP on bytes without a per-element call: the string functions' reduction step. */
    static Instruction unsignedBytePairwise(int d, int n, int m, boolean full, boolean max) {
        int pairsPerSource = full ? 8 : 4;
        return cpu -> {
            long a0 = cpu.v[2 * n];
            long a1 = cpu.v[2 * n + 1];
            long b0 = cpu.v[2 * m];
            long b1 = cpu.v[2 * m + 1];
            long r0 = 0;
            long r1 = 0;
            for (int i = 0; i < 2 * pairsPerSource; i++) {
                boolean fromA = i < pairsPerSource;
                int j = 2 * (fromA ? i : i - pairsPerSource);
                long lo = fromA ? (j < 8 ? a0 : a1) : (j < 8 ? b0 : b1);
                int s = (j & 7) * 8;
                long x = (lo >>> s) & 0xFF;
                long y = (lo >>> (s + 8)) & 0xFF;
                long e = max ? Math.max(x, y) : Math.min(x, y);
                if (i < 8) {
                    r0 |= e << (8 * i);
                } else {
                    r1 |= e << (8 * (i - 8));
                }
            }
            cpu.v[2 * d] = r0;
            cpu.v[2 * d + 1] = full ? r1 : 0;
        };
    }
}
