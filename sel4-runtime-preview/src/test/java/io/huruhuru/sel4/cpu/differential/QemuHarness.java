package io.huruhuru.sel4.cpu.differential;

import java.util.List;

/**
 * The program qemu-aarch64-static runs: for each block it fills the scratch area (mapped at a fixed address with
 * mmap), loads the registers from a table laid out as {@link #STATE_BYTES} (x0..x30 at 0, NZCV at 248, q0..q31 at
 * 256, FPCR at 768, FPSR at 776), runs the block, then writes the same layout and the scratch area to stdout with
 * the write system call; it exits 0 at the end.
 */
public final class QemuHarness {
    /** The register state: x0..x30, NZCV, q0..q31, FPCR, FPSR. */
    public static final int STATE_BYTES = 32 * 8 + 32 * 16 + 2 * 8;
    /** Bytes each block dumps: the register state, then the scratch area. */
    public static final int DUMP_BYTES = STATE_BYTES + RandomBlocks.SCRATCH_BYTES;

    private QemuHarness() { }

    public static String source(List<RandomBlocks.Block> blocks) {
        StringBuilder s = new StringBuilder();
        s.append(".text\n.globl _start\n_start:\n");
        s.append("mov x0, #0x10000000\nmov x1, #").append(RandomBlocks.SCRATCH_BYTES)
                .append("\nmov x2, #3\nmov x3, #0x32\nmov x4, #-1\nmov x5, #0\nmov x8, #222\nsvc #0\n");
        for (int b = 0; b < blocks.size(); b++) {
            s.append("adrp x0, mem").append(b).append("\nadd x0, x0, :lo12:mem").append(b).append('\n');
            s.append("mov x1, #0x10000000\nmov x2, #").append(RandomBlocks.SCRATCH_BYTES).append('\n');
            s.append("1: ldr x3, [x0], #8\nstr x3, [x1], #8\nsubs x2, x2, #8\nb.ne 1b\n");
            s.append("adrp x30, regs").append(b).append("\nadd x30, x30, :lo12:regs").append(b).append('\n');
            s.append("ldr x0, [x30, #248]\nmsr nzcv, x0\nldr x0, [x30, #768]\nmsr fpcr, x0\n");
            s.append("ldr x0, [x30, #776]\nmsr fpsr, x0\nadd x0, x30, #256\n");
            for (int q = 0; q < 32; q += 2) {
                s.append("ldp q").append(q).append(", q").append(q + 1).append(", [x0, #").append(16 * q).append("]\n");
            }
            for (int r = 0; r < 30; r += 2) {
                s.append("ldp x").append(r).append(", x").append(r + 1).append(", [x30, #").append(8 * r).append("]\n");
            }
            s.append("ldr x30, [x30, #240]\n");
            s.append(blocks.get(b).source()).append('\n');
            s.append("sub sp, sp, #").append(STATE_BYTES).append('\n');
            for (int r = 0; r < 30; r += 2) {
                s.append("stp x").append(r).append(", x").append(r + 1).append(", [sp, #").append(8 * r).append("]\n");
            }
            s.append("str x30, [sp, #240]\nmrs x0, nzcv\nstr x0, [sp, #248]\nadd x0, sp, #256\n");
            for (int q = 0; q < 32; q += 2) {
                s.append("stp q").append(q).append(", q").append(q + 1).append(", [x0, #").append(16 * q).append("]\n");
            }
            s.append("mrs x0, fpcr\nstr x0, [sp, #768]\nmrs x0, fpsr\nstr x0, [sp, #776]\n");
            s.append("mov x0, #1\nmov x1, sp\nmov x2, #").append(STATE_BYTES).append("\nmov x8, #64\nsvc #0\n");
            s.append("mov x0, #1\nmov x1, #0x10000000\nmov x2, #").append(RandomBlocks.SCRATCH_BYTES)
                    .append("\nmov x8, #64\nsvc #0\nadd sp, sp, #").append(STATE_BYTES).append('\n');
        }
        s.append("mov x0, #0\nmov x8, #93\nsvc #0\n");
        s.append(".data\n.balign 16\n");
        for (int b = 0; b < blocks.size(); b++) {
            RandomBlocks.Block block = blocks.get(b);
            s.append("regs").append(b).append(":\n");
            for (long value : block.registers()) {
                s.append(".quad ").append(value).append('\n');
            }
            s.append(".quad ").append(block.nzcv() & 0xFFFF_FFFFL).append('\n');
            for (long value : block.vectors()) {
                s.append(".quad ").append(value).append('\n');
            }
            s.append(".quad ").append(block.fpcr() & 0xFFFF_FFFFL).append('\n');
            s.append(".quad ").append(block.fpsr() & 0xFFFF_FFFFL).append('\n');
            s.append("mem").append(b).append(":\n");
            byte[] memory = block.memory();
            for (int i = 0; i < memory.length; i += 16) {
                s.append(".byte ");
                for (int j = 0; j < 16; j++) {
                    s.append(memory[i + j] & 0xFF).append(j == 15 ? "\n" : ",");
                }
            }
        }
        return s.toString();
    }
}
