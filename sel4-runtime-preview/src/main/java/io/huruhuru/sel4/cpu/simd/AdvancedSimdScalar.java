package io.huruhuru.sel4.cpu.simd;

import io.huruhuru.sel4.cpu.Instruction;

/** The Advanced SIMD scalar encodings (Arm ARM C4.1.95, op0 = 01x1): one element, the rest of the register zeroed. */
final class AdvancedSimdScalar {
    private AdvancedSimdScalar() { }

    static Instruction decode(int insn) {
        if ((insn & 0xFFE0_FC00) == 0x5E00_0400) {
            return VectorPermute.scalarDuplicate(insn);
        }
        if ((insn & 0xDF20_0400) == 0x5E20_0400) {
            return ThreeSame.decode(insn, true);
        }
        if ((insn & 0xDF3E_0C00) == 0x5E20_0800) {
            return TwoRegisterMisc.decode(insn, true);
        }
        if ((insn & 0xDF3E_0C00) == 0x5E30_0800) {
            return AcrossLanes.scalarPairwise(insn);
        }
        if ((insn & 0xDF80_0400) == 0x5F00_0400) {
            return ShiftByImmediate.decode(insn, true);
        }
        if ((insn & 0xDF00_0400) == 0x5F00_0000) {
            return ByElement.decode(insn, true);
        }
        return null;
    }
}
