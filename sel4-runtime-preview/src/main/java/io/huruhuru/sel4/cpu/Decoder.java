package io.huruhuru.sel4.cpu;

import io.huruhuru.sel4.cpu.simd.SimdDecoder;

/** Top-level A64 decode (Arm ARM DDI 0487, C4.1 "A64 instruction set encoding"): op0 = bits 28:25. */
final class Decoder {
    private Decoder() { }

    /** The decoded instruction; an unallocated or unimplemented encoding decodes to {@link Undefined}. */
    static Instruction decode(int insn, long pc) {
        Instruction decoded = null;
        int op0 = (insn >>> 25) & 0xF;
        if ((op0 & 0b0111) == 0b0111) {
            decoded = SimdDecoder.decode(insn, pc);
        } else if ((op0 & 0b0101) == 0b0100) {
            decoded = ((insn >>> 26) & 1) != 0 ? SimdDecoder.decode(insn, pc) : LoadsStores.decode(insn, pc);
        } else if ((op0 & 0b1110) == 0b1000) {
            decoded = DataProcessingImmediate.decode(insn, pc);
        } else if ((op0 & 0b1110) == 0b1010) {
            decoded = BranchesSystem.decode(insn, pc);
        } else if ((op0 & 0b0111) == 0b0101) {
            decoded = DataProcessingRegister.decode(insn);
        }
        // op0 = 0000 (reserved, SME), 0010 (SVE), 0001/0011 (unallocated) stay undefined.
        return decoded != null ? decoded : new Undefined(pc, insn);
    }

    /** Whether the instruction ends a block: it may change pc, or stops the run. */
    static boolean endsBlock(Instruction instruction) {
        return instruction instanceof Branch;
    }

    /** An encoding we do not execute: stops the run as seL4_Fault_UserException with its bits. */
    record Undefined(long pc, int bits) implements Branch {
        @Override
        public void execute(Cpu cpu) {
            cpu.pc = pc;
            cpu.stop = new Stop.UndefinedInstruction(pc, bits);
        }
    }
}
