package io.huruhuru.sel4.cpu.simd;

import io.huruhuru.sel4.cpu.Instruction;

/** The Advanced SIMD vector encodings (Arm ARM C4.1.95, op0 = 0xx0), dispatched to one class per group. */
final class AdvancedSimdVector {
    private AdvancedSimdVector() { }

    static Instruction decode(int insn) {
        if ((insn & 0xBF20_8C00) == 0x0E00_0000) {
            return VectorPermute.tableLookup(insn);
        }
        if ((insn & 0xBF20_8C00) == 0x0E00_0800) {
            return VectorPermute.permute(insn);
        }
        if ((insn & 0xBFE0_8400) == 0x2E00_0000) {
            return VectorPermute.extract(insn);
        }
        if ((insn & 0x9FE0_8400) == 0x0E00_0400) {
            return VectorPermute.copy(insn);
        }
        if ((insn & 0x9F20_0400) == 0x0E20_0400) {
            return ThreeSame.decode(insn, false);
        }
        if ((insn & 0x9F3E_0C00) == 0x0E20_0800) {
            return TwoRegisterMisc.decode(insn, false);
        }
        if ((insn & 0x9F3E_0C00) == 0x0E30_0800) {
            return AcrossLanes.decode(insn);
        }
        if ((insn & 0x9F20_0C00) == 0x0E20_0000) {
            return ThreeDifferent.decode(insn);
        }
        if ((insn & 0x9FF8_0400) == 0x0F00_0400) {
            return ModifiedImmediate.decode(insn);
        }
        if ((insn & 0x9F80_0400) == 0x0F00_0400) {
            return ShiftByImmediate.decode(insn, false);
        }
        if ((insn & 0x9F00_0400) == 0x0F00_0000) {
            return ByElement.decode(insn, false);
        }
        return null;
    }
}
