package io.huruhuru.sel4.cpu.differential;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/** Seeded blocks of random instructions with their starting registers and scratch memory. */
public final class RandomBlocks {
    public static final long SCRATCH = 0x1000_0000L;
    public static final int SCRATCH_BYTES = 4096;
    static final long BASE_VALUE = SCRATCH + SCRATCH_BYTES / 2;
    private static final long[] EDGES = {0, 1, -1, 2, 0x7FFF_FFFFL, 0x8000_0000L, 0xFFFF_FFFFL, 0x1_0000_0000L,
        Long.MAX_VALUE, Long.MIN_VALUE, 63, 64, 32, 31, 0x8000_0000_0000_0001L, 0xFFL, 0x80L};

    /** The instruction groups drawn from; a new group (FP/SIMD) is one more entry. */
    public static List<InstructionGroup> groups() {
        List<InstructionGroup> groups = new ArrayList<>(List.of(new ArithmeticGroup(), new LogicalGroup(),
                new MultiplyDivideGroup(), new ConditionalGroup(), new LoadStoreGroup()));
        groups.addAll(SimdInstructionGroups.all());
        return groups;
    }

    /**
     * One block: its assembly lines, 31 registers plus NZCV, the 32 vector registers as in {@code Cpu.v} (v[2n] the
     * low half of Vn), FPCR and FPSR, and the scratch area's bytes.
     */
    public record Block(List<String> lines, long[] registers, int nzcv, long[] vectors, int fpcr, int fpsr,
            byte[] memory) {
        public int instructionCount() {
            return (int) lines.stream().filter(line -> !line.endsWith(":")).count();
        }

        public String source() {
            return String.join("\n", lines);
        }
    }

    public static List<Block> generate(long seed, int count, int groupsPerBlock) {
        Random random = new Random(seed);
        List<InstructionGroup> groups = groups();
        List<Block> blocks = new ArrayList<>();
        for (int b = 0; b < count; b++) {
            List<String> lines = new ArrayList<>();
            for (int i = 0; i < groupsPerBlock; i++) {
                groups.get(random.nextInt(groups.size())).emit(random, lines);
            }
            long[] registers = new long[31];
            for (int r = 0; r < 31; r++) {
                registers[r] = random.nextInt(3) == 0 ? EDGES[random.nextInt(EDGES.length)]
                        : random.nextBoolean() ? random.nextLong() : random.nextInt(1000) - 500;
            }
            registers[27] = BASE_VALUE;
            registers[28] = BASE_VALUE;
            long[] vectors = new long[64];
            for (int v = 0; v < 64; v++) {
                vectors[v] = random.nextInt(3) == 0 ? EDGES[random.nextInt(EDGES.length)] : random.nextLong();
            }
            byte[] memory = new byte[SCRATCH_BYTES];
            random.nextBytes(memory);
            blocks.add(new Block(lines, registers, random.nextInt(16) << 28, vectors, 0, 0, memory));
        }
        return blocks;
    }
}
