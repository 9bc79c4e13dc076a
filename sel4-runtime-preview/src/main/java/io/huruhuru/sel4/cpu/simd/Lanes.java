package io.huruhuru.sel4.cpu.simd;

import io.huruhuru.sel4.cpu.Cpu;

/** Access to the elements of 128-bit SIMD&FP register values held as two little-endian longs. */
final class Lanes {
    private Lanes() { }

    static long mask(int bits) {
        return bits == 64 ? -1L : (1L << bits) - 1;
    }

    static long signExtend(long value, int bits) {
        return (value << (64 - bits)) >> (64 - bits);
    }

    static long[] read(Cpu cpu, int reg) {
        return new long[] {cpu.v[2 * reg], cpu.v[2 * reg + 1]};
    }

    /** Writes a vector result; a 64-bit (Q = 0) result clears bits 127..64 (Arm ARM V[] assignment). */
    static void write(Cpu cpu, int reg, long[] value, boolean full) {
        cpu.v[2 * reg] = value[0];
        cpu.v[2 * reg + 1] = full ? value[1] : 0;
    }

    /** Writes a scalar result of any width: the bits above it become zero. */
    static void writeScalar(Cpu cpu, int reg, long bits) {
        cpu.v[2 * reg] = bits;
        cpu.v[2 * reg + 1] = 0;
    }

    static long get(long[] value, int index, int bits) {
        int bit = index * bits;
        return (value[bit >>> 6] >>> (bit & 63)) & mask(bits);
    }

    static void set(long[] value, int index, int bits, long element) {
        int bit = index * bits;
        long m = mask(bits) << (bit & 63);
        value[bit >>> 6] = (value[bit >>> 6] & ~m) | ((element << (bit & 63)) & m);
    }

    static long get(Cpu cpu, int reg, int index, int bits) {
        int bit = index * bits;
        return (cpu.v[2 * reg + (bit >>> 6)] >>> (bit & 63)) & mask(bits);
    }

    static void set(Cpu cpu, int reg, int index, int bits, long element) {
        int bit = index * bits;
        int word = 2 * reg + (bit >>> 6);
        long m = mask(bits) << (bit & 63);
        cpu.v[word] = (cpu.v[word] & ~m) | ((element << (bit & 63)) & m);
    }
}
