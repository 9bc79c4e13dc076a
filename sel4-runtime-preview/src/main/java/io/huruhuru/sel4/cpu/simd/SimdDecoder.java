package io.huruhuru.sel4.cpu.simd;

import io.huruhuru.sel4.cpu.Instruction;

/** Decodes the scalar floating-point, Advanced SIMD, and SIMD&FP load/store encodings. */
public final class SimdDecoder {
    private SimdDecoder() { }

    /** The instruction, or null when the encoding is unallocated or not implemented. */
    public static Instruction decode(int insn, long pc) {
        return null;
    }
}
