package io.huruhuru.sel4.cpu.simd;

import io.huruhuru.sel4.cpu.Instruction;

/**
 * Instructions whose result elements are half or twice the source width: XTN, SQXTN, UQXTN, SQXTUN, SHLL, and
 * the shift-right-narrow and shift-left-long immediates. A "2" form (Q = 1) writes or reads the upper half.
 */
final class Narrowing {
    private Narrowing() { }

    /** XTN/SQXTUN (opcode 10010) and SQXTN/UQXTN (10100) from {@code 16 << size}-bit elements. */
    static Instruction decode(boolean u, int opcode, int size, int n, int d, boolean upper) {
        if (size == 3) {
            return null;
        }
        int bits = 8 << size;
        int wide = 2 * bits;
        long max = Lanes.mask(bits);
        long signedMax = max >>> 1;
        long signedMin = -signedMax - 1;
        ElementWise.Unary op;
        if (opcode == 0b10010) {
            op = !u ? (cpu, a) -> a : (cpu, a) -> {
                long s = Lanes.signExtend(a, wide);
                long r = Math.max(0, Math.min(s, max));
                if (r != s) {
                    cpu.fpsr |= FpStatus.QC;
                }
                return r;
            };
        } else {
            op = u ? (cpu, a) -> {
                long r = Long.compareUnsigned(a, max) > 0 ? max : a;
                if (r != a) {
                    cpu.fpsr |= FpStatus.QC;
                }
                return r;
            } : (cpu, a) -> {
                long s = Lanes.signExtend(a, wide);
                long r = Math.max(signedMin, Math.min(s, signedMax));
                if (r != s) {
                    cpu.fpsr |= FpStatus.QC;
                }
                return r;
            };
        }
        return narrow(d, n, bits, upper, op);
    }

    /** Writes {@code 64 / bits} narrow results (from the wide elements of Vn) into the lower or upper half of Vd. */
    static Instruction narrow(int d, int n, int bits, boolean upper, ElementWise.Unary op) {
        int count = 64 / bits;
        int wide = 2 * bits;
        return cpu -> {
            long[] a = Lanes.read(cpu, n);
            long[] r = upper ? Lanes.read(cpu, d) : new long[2];
            for (int i = 0; i < count; i++) {
                Lanes.set(r, upper ? count + i : i, bits, op.apply(cpu, Lanes.get(a, i, wide)));
            }
            Lanes.write(cpu, d, r, upper);
        };
    }

    /** Widens the lower or upper half of Vn's {@code bits}-bit elements through {@code op} into 2×bits elements. */
    static Instruction widen(int d, int n, int bits, boolean upper, boolean signed, ElementWise.Unary op) {
        int count = 64 / bits;
        return cpu -> {
            long[] a = Lanes.read(cpu, n);
            long[] r = new long[2];
            for (int i = 0; i < count; i++) {
                long e = Lanes.get(a, upper ? count + i : i, bits);
                Lanes.set(r, i, 2 * bits, op.apply(cpu, signed ? Lanes.signExtend(e, bits) : e));
            }
            Lanes.write(cpu, d, r, true);
        };
    }

    /** SHLL: widen and shift left by the element width. */
    static Instruction shiftLeftLong(int size, int n, int d, boolean upper) {
        int bits = 8 << size;
        return widen(d, n, bits, upper, false, (cpu, a) -> a << bits);
    }
}
