package io.huruhuru.sel4.cpu;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.huruhuru.sel4.cpu.differential.QemuHarness;
import io.huruhuru.sel4.cpu.differential.RandomBlocks;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Differential test against qemu-aarch64-static: seeded random blocks run from the same registers and memory in both,
 * and every general and vector register, NZCV, FPCR, FPSR and the scratch area must agree. The seed and size can be changed with
 * -Dcpu.differential.seed and -Dcpu.differential.blocks.
 */
class RandomInstructionTest {
    private static final String GCC = "aarch64-linux-gnu-gcc";
    private static final String QEMU = "qemu-aarch64-static";

    @Test
    void randomBlocksLeaveTheSameStateAsQemu() throws Exception {
        assumeTrue(Assembler.onPath(GCC) && Assembler.onPath(QEMU) && Assembler.available(),
                "the differential test needs " + GCC + " and " + QEMU + " (gcc-aarch64-linux-gnu, qemu-user-static)");
        long seed = Long.getLong("cpu.differential.seed", 20_261_206L);
        int count = Integer.getInteger("cpu.differential.blocks", 48);
        List<RandomBlocks.Block> blocks = RandomBlocks.generate(seed, count, 20);

        ByteBuffer dumps = ByteBuffer.wrap(runUnderQemu(blocks)).order(ByteOrder.LITTLE_ENDIAN);
        assertEquals(count * QemuHarness.DUMP_BYTES, dumps.capacity(), "qemu's harness wrote every block's dump");

        int instructions = 0;
        for (int b = 0; b < count; b++) {
            RandomBlocks.Block block = blocks.get(b);
            long[] expected = new long[QemuHarness.STATE_BYTES / 8];
            for (int r = 0; r < expected.length; r++) {
                expected[r] = dumps.getLong();
            }
            byte[] expectedMemory = new byte[RandomBlocks.SCRATCH_BYTES];
            dumps.get(expectedMemory);

            TestMemory memory = new TestMemory();
            memory.map(Machine.CODE, 4, true, false, true);
            memory.map(RandomBlocks.SCRATCH, 1, true, true, false);
            memory.write(RandomBlocks.SCRATCH, block.memory());
            memory.writeWords(Machine.CODE, Assembler.assemble(block.source() + "\nsvc #0"));
            Cpu cpu = new Cpu(memory);
            cpu.pc = Machine.CODE;
            System.arraycopy(block.registers(), 0, cpu.x, 0, 31);
            cpu.nzcv = block.nzcv();
            System.arraycopy(block.vectors(), 0, cpu.v, 0, 64);
            cpu.fpcr = block.fpcr();
            cpu.fpsr = block.fpsr();
            assertInstanceOf(Stop.SupervisorCall.class, cpu.run(10_000), "block " + b + " ran to its end");

            long[] actual = new long[expected.length];
            System.arraycopy(cpu.x, 0, actual, 0, 31);
            actual[31] = cpu.nzcv & 0xFFFF_FFFFL;
            System.arraycopy(cpu.v, 0, actual, 32, 64);
            actual[96] = cpu.fpcr & 0xFFFF_FFFFL;
            actual[97] = cpu.fpsr & 0xFFFF_FFFFL;
            for (int r = 0; r < expected.length; r++) {
                int slot = r;
                int index = b;
                assertEquals(expected[r], actual[r], () -> "block " + index + ", " + stateName(slot) + "\n"
                        + block.source());
            }
            byte[] actualMemory = new byte[RandomBlocks.SCRATCH_BYTES];
            for (int i = 0; i < actualMemory.length; i++) {
                actualMemory[i] = (byte) memory.readLong(RandomBlocks.SCRATCH + i, 1);
            }
            int index = b;
            assertEquals(-1, Arrays.mismatch(expectedMemory, actualMemory),
                    () -> "scratch memory of block " + index + " (first differing offset)\n" + block.source());
            instructions += block.instructionCount();
        }
        System.out.printf("random-instruction test (seed %d): %d blocks, %d instructions compared with %s%n", seed,
                count, instructions, QEMU);
    }

    /** The name of one 8-byte slot of the dumped state. */
    private static String stateName(int slot) {
        if (slot < 31) {
            return "x" + slot;
        }
        if (slot == 31) {
            return "nzcv";
        }
        if (slot < 96) {
            return "v" + (slot - 32) / 2 + ((slot & 1) == 0 ? " bits 63..0" : " bits 127..64");
        }
        return slot == 96 ? "fpcr" : "fpsr";
    }

    private static byte[] runUnderQemu(List<RandomBlocks.Block> blocks) throws Exception {
        Path dir = Files.createTempDirectory("a64-diff-");
        try {
            Files.writeString(dir.resolve("harness.S"), QemuHarness.source(blocks));
            Assembler.exec(dir, List.of(GCC, "-nostdlib", "-static-pie", "-march=armv8.5-a", "-o", "harness",
                    "harness.S"));
            Process qemu = new ProcessBuilder(QEMU, "harness").directory(dir.toFile())
                    .redirectError(ProcessBuilder.Redirect.DISCARD).start();
            byte[] output = qemu.getInputStream().readAllBytes();
            assertEquals(0, qemu.waitFor(), "the harness exits 0 under qemu");
            return output;
        } finally {
            try (var files = Files.walk(dir)) {
                files.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            }
        }
    }
}
