package io.huruhuru.sel4.cpu.simd;

import io.huruhuru.sel4.cpu.Instruction;

/** Decodes the scalar floating-point, Advanced SIMD, and SIMD&FP load/store encodings. */
public final class SimdDecoder {
    private SimdDecoder() { }

    /** The instruction, or null when the encoding is unallocated or not implemented. */
    public static Instruction decode(int insn, long pc) {
        // Top-level op0 (bits 28:25): x1x0 is Loads and Stores (here with V = 1), x111 is data processing.
        if ((insn & 0x0A00_0000) == 0x0800_0000) {
            Instruction structure = StructureLoadStore.decode(insn);
            return structure != null ? structure : RegisterLoadStore.decode(insn, pc);
        }
        if ((insn & 0x1000_0000) != 0) {
            if ((insn & 0x8000_0000) != 0 && (insn & 0x5F00_0000) != 0x1E00_0000) {
                return null;
            }
            if ((insn & 0x4000_0000) == 0) {
                return ScalarFloatingPoint.decode(insn);
            }
            return AdvancedSimdScalar.decode(insn);
        }
        if ((insn & 0x8000_0000) != 0) {
            return null;
        }
        return AdvancedSimdVector.decode(insn);
    }
}
