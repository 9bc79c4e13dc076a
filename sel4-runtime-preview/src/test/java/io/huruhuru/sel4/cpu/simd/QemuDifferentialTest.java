package io.huruhuru.sel4.cpu.simd;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.huruhuru.sel4.cpu.Cpu;
import io.huruhuru.sel4.cpu.Page;
import io.huruhuru.sel4.cpu.Stop;
import java.io.File;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Random;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Runs seeded random blocks of FP/SIMD instructions under qemu-aarch64-static (a harness built with
 * aarch64-linux-gnu-gcc loads every register from a table, runs the block, and writes V0-V31, FPSR, NZCV,
 * X0-X25 and the block's scratch memory) and under our Cpu from the same state, and compares everything.
 */
class QemuDifferentialTest {
    /** {@code -Dsimd.differential.blocks=N -Dsimd.differential.seed=S} run more or other blocks. */
    private static final int BLOCKS = Integer.getInteger("simd.differential.blocks", 2200);
    private static final long SEED = Long.getLong("simd.differential.seed", 0x5EED_F00DL);
    private static final int BLOCK_LENGTH = 6;
    private static final int STATE = 768;
    private static final int SCRATCH = 1024;
    /** x26 points into the middle of the scratch area so that offsets and writeback may go either way. */
    private static final int BASE = 512;
    private static final int FPSR_CUMULATIVE = 0x0800_009F;
    private static final long[] DOUBLES = {0L, 0x8000_0000_0000_0000L, 0x7FF0_0000_0000_0000L,
        0xFFF0_0000_0000_0000L, 0x7FF8_0000_0000_0000L, 0x7FF4_0000_0000_0001L, 0xFFF8_0000_0000_1234L,
        0x0000_0000_0000_0001L, 0x000F_FFFF_FFFF_FFFFL, 0x0010_0000_0000_0000L, 0x7FEF_FFFF_FFFF_FFFFL,
        0x3FF0_0000_0000_0000L, 0xBFF8_0000_0000_0000L, 0x4340_0000_0000_0001L, 0x43E0_0000_0000_0000L,
        0xC3E0_0000_0000_0000L, 0x41DF_FFFF_FFC0_0000L, 0x3FE0_0000_0000_0000L, 0x4004_0000_0000_0000L};
    private static final int[] FLOATS = {0, 0x8000_0000, 0x7F80_0000, 0xFF80_0000, 0x7FC0_0000, 0x7FA0_0001,
        0xFFC0_1234, 1, 0x007F_FFFF, 0x0080_0000, 0x7F7F_FFFF, 0x3F80_0000, 0xBFC0_0000, 0x4B80_0001, 0x4F00_0000,
        0xCF00_0000, 0x3F00_0000, 0x4020_0000, 0x3EAA_AAAB};
    private static final short[] HALVES = {0, (short) 0x8000, 0x7C00, (short) 0xFC00, 0x7E00, 0x7D01, 1, 0x03FF,
        0x0400, 0x7BFF, 0x3C00, (short) 0xBE00, 0x3800, 0x6800};
    private static final int[] FPCRS = {0, 0, 0, 1 << 25, 1 << 24, 1 << 22, 2 << 22, 3 << 22, (1 << 24) | (1 << 25)};

    @TempDir
    Path dir;

    @Test
    void randomFpSimdBlocksLeaveTheSameStateAsQemu() throws Exception {
        assumeTrue(onPath("qemu-aarch64-static") && onPath("aarch64-linux-gnu-gcc"),
                "qemu-aarch64-static or aarch64-linux-gnu-gcc is not installed");
        Random random = new Random(SEED);
        List<RandomInstructionGroups.Group> groups = RandomInstructionGroups.ALL;
        List<List<String>> blocks = new ArrayList<>();
        List<String> groupOfBlock = new ArrayList<>();
        for (int b = 0; b < BLOCKS; b++) {
            List<String> block = new ArrayList<>();
            RandomInstructionGroups.Group g = groups.get(b % groups.size());
            for (int i = 0; i < BLOCK_LENGTH; i++) {
                block.add(g.next(random));
            }
            blocks.add(block);
            groupOfBlock.add(g.getClass().getSimpleName().replace("Group", ""));
        }
        byte[][] states = new byte[BLOCKS][];
        byte[][] scratch = new byte[BLOCKS][];
        for (int b = 0; b < BLOCKS; b++) {
            states[b] = initialState(random);
            scratch[b] = new byte[SCRATCH];
            random.nextBytes(scratch[b]);
        }
        Set<String> rejected = assembleDroppingRejected(blocks, states, scratch);
        byte[] qemuOut = runQemu();
        assertEquals(BLOCKS * (STATE + SCRATCH), qemuOut.length, "qemu's dump size");
        TreeMap<Integer, int[]> words = blockWords();

        int compared = 0;
        int instructions = 0;
        List<String> mismatches = new ArrayList<>();
        TreeMap<String, int[]> perGroup = new TreeMap<>();
        for (int b = 0; b < BLOCKS; b++) {
            int[] code = words.get(b);
            byte[] ours = runOurs(code, states[b], scratch[b]);
            byte[] theirs = new byte[STATE + SCRATCH];
            System.arraycopy(qemuOut, b * STATE, theirs, 0, STATE);
            System.arraycopy(qemuOut, BLOCKS * STATE + b * SCRATCH, theirs, STATE, SCRATCH);
            normaliseFpsr(theirs);
            int[] counts = perGroup.computeIfAbsent(groupOfBlock.get(b), k -> new int[2]);
            counts[0]++;
            compared++;
            instructions += code.length;
            String difference = difference(ours, theirs);
            if (difference != null) {
                counts[1]++;
                mismatches.add("block " + b + " " + blocks.get(b) + ": " + difference);
            }
        }
        System.out.printf("FP/SIMD differential vs qemu (seed %d): %d blocks, %d instructions, %d mismatching, %d lines"
                + " rejected by the assembler%n", SEED, compared, instructions, mismatches.size(), rejected.size());
        perGroup.forEach((k, v) -> System.out.printf("  %-28s %4d blocks, %d mismatching%n", k, v[0], v[1]));
        mismatches.stream().limit(15).forEach(m -> System.out.println("  " + m));
        rejected.stream().limit(10).forEach(m -> System.out.println("  rejected: " + m));
        assertTrue(rejected.size() < BLOCKS * BLOCK_LENGTH / 50, "the generator emits valid assembly");
        assertEquals(0, mismatches.size(), "blocks whose state differs from qemu's (listed above)");
    }

    private static boolean onPath(String tool) {
        for (String entry : System.getenv().getOrDefault("PATH", "").split(File.pathSeparator)) {
            if (!entry.isEmpty() && Files.isExecutable(Path.of(entry, tool))) {
                return true;
            }
        }
        return false;
    }

    private static byte[] initialState(Random r) {
        ByteBuffer s = ByteBuffer.allocate(STATE).order(ByteOrder.LITTLE_ENDIAN);
        for (int reg = 0; reg < 32; reg++) {
            int kind = r.nextInt(4);
            for (int half = 0; half < 2; half++) {
                long value;
                switch (kind) {
                    case 0 -> value = r.nextBoolean() ? DOUBLES[r.nextInt(DOUBLES.length)]
                            : Double.doubleToRawLongBits((r.nextDouble() - 0.5) * Math.pow(2, r.nextInt(200) - 100));
                    case 1 -> value = (floatBits(r) & 0xFFFF_FFFFL) | ((long) floatBits(r) << 32);
                    case 2 -> {
                        value = 0;
                        for (int i = 0; i < 4; i++) {
                            value |= (HALVES[r.nextInt(HALVES.length)] & 0xFFFFL) << (16 * i);
                        }
                    }
                    default -> value = r.nextInt(3) == 0 ? r.nextLong() & 0x0101_0F7F_00FF_8000L : r.nextLong();
                }
                s.putLong(reg * 16 + half * 8, value);
            }
        }
        s.putLong(512, FPCRS[r.nextInt(FPCRS.length)]);
        s.putLong(520, (long) r.nextInt(16) << 28);
        for (int i = 0; i < 26; i++) {
            long value = switch (r.nextInt(4)) {
                case 0 -> r.nextInt(2000) - 1000;
                case 1 -> r.nextLong();
                case 2 -> r.nextBoolean() ? Long.MIN_VALUE : -1L;
                default -> r.nextInt();
            };
            s.putLong(528 + 8 * i, value);
        }
        return s.array();
    }

    private static int floatBits(Random r) {
        return r.nextBoolean() ? FLOATS[r.nextInt(FLOATS.length)]
                : Float.floatToRawIntBits((float) ((r.nextDouble() - 0.5) * Math.pow(2, r.nextInt(80) - 40)));
    }

    private Set<String> assembleDroppingRejected(List<List<String>> blocks, byte[][] states, byte[][] scratch)
            throws Exception {
        Set<String> rejected = new HashSet<>();
        for (int attempt = 0; attempt < 4; attempt++) {
            List<String> lines = new ArrayList<>();
            TreeMap<Integer, int[]> lineOf = new TreeMap<>();
            writeHarness(blocks, states, scratch, lines, lineOf);
            Path source = dir.resolve("harness.s");
            Files.write(source, lines);
            Process p = new ProcessBuilder("aarch64-linux-gnu-gcc", "-nostdlib", "-static", "-no-pie",
                    "-march=armv8.2-a+fp16", "-o", dir.resolve("harness").toString(), source.toString())
                    .redirectErrorStream(true).start();
            String log = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            p.waitFor(120, TimeUnit.SECONDS);
            if (p.exitValue() == 0) {
                return rejected;
            }
            Matcher m = Pattern.compile("harness\\.s:(\\d+): Error").matcher(log);
            boolean any = false;
            while (m.find()) {
                int line = Integer.parseInt(m.group(1));
                int[] at = lineOf.get(line);
                if (at != null) {
                    String text = blocks.get(at[0]).get(at[1]);
                    rejected.add(text);
                    blocks.get(at[0]).set(at[1], "nop");
                    any = true;
                }
            }
            if (!any) {
                throw new AssertionError("harness did not build:\n" + log);
            }
        }
        throw new AssertionError("harness did not build after dropping rejected lines");
    }

    private static void writeHarness(List<List<String>> blocks, byte[][] states, byte[][] scratch,
                                     List<String> lines, TreeMap<Integer, int[]> lineOf) {
        lines.add(".text");
        lines.add(".global _start");
        lines.add("_start:");
        for (int b = 0; b < blocks.size(); b++) {
            lines.add("adrp x28, in" + b);
            lines.add("add x28, x28, :lo12:in" + b);
            for (int q = 0; q < 32; q += 2) {
                lines.add(String.format("ldp q%d, q%d, [x28, #%d]", q, q + 1, q * 16));
            }
            lines.add("ldr x0, [x28, #512]");
            lines.add("msr fpcr, x0");
            lines.add("msr fpsr, xzr");
            lines.add("ldr x0, [x28, #520]");
            lines.add("msr nzcv, x0");
            for (int i = 0; i < 26; i++) {
                lines.add(String.format("ldr x%d, [x28, #%d]", i, 528 + 8 * i));
            }
            lines.add("adrp x26, scratch" + b);
            lines.add("add x26, x26, :lo12:scratch" + b);
            lines.add("add x26, x26, #" + BASE);
            lines.add("blk" + b + ":");
            for (int i = 0; i < blocks.get(b).size(); i++) {
                for (String line : blocks.get(b).get(i).split("\n")) {
                    lines.add(line);
                    lineOf.put(lines.size(), new int[] {b, i});
                }
            }
            lines.add("blkend" + b + ":");
            lines.add("adrp x27, out" + b);
            lines.add("add x27, x27, :lo12:out" + b);
            for (int q = 0; q < 32; q += 2) {
                lines.add(String.format("stp q%d, q%d, [x27, #%d]", q, q + 1, q * 16));
            }
            lines.add("adrp x28, scratch" + b);
            lines.add("add x28, x28, :lo12:scratch" + b);
            lines.add("sub x28, x26, x28");
            lines.add("str x28, [x27, #736]");
            lines.add("mrs x28, fpsr");
            lines.add("str x28, [x27, #512]");
            lines.add("mrs x28, nzcv");
            lines.add("str x28, [x27, #520]");
            for (int i = 0; i < 26; i++) {
                lines.add(String.format("str x%d, [x27, #%d]", i, 528 + 8 * i));
            }
            lines.add("msr fpcr, xzr");
        }
        lines.add("mov x0, #1");
        lines.add("adrp x1, out0");
        lines.add("add x1, x1, :lo12:out0");
        lines.add("ldr x2, =" + blocks.size() * (STATE + SCRATCH));
        lines.add("mov x8, #64");
        lines.add("svc #0");
        lines.add("mov x0, #0");
        lines.add("mov x8, #93");
        lines.add("svc #0");
        lines.add(".ltorg");
        lines.add(".data");
        lines.add(".balign 16");
        for (int b = 0; b < blocks.size(); b++) {
            lines.add("in" + b + ":");
            lines.add(bytes(states[b]));
        }
        lines.add(".balign 16");
        for (int b = 0; b < blocks.size(); b++) {
            lines.add("out" + b + ": .skip " + STATE);
        }
        for (int b = 0; b < blocks.size(); b++) {
            lines.add("scratch" + b + ":");
            lines.add(bytes(scratch[b]));
        }
    }

    private static String bytes(byte[] data) {
        ByteBuffer b = ByteBuffer.wrap(data).order(ByteOrder.LITTLE_ENDIAN);
        StringBuilder s = new StringBuilder(".quad ");
        for (int i = 0; i < data.length; i += 8) {
            s.append(i == 0 ? "" : ",").append("0x").append(Long.toHexString(b.getLong(i)));
        }
        return s.toString();
    }

    private byte[] runQemu() throws Exception {
        Process p = new ProcessBuilder("qemu-aarch64-static", dir.resolve("harness").toString())
                .redirectError(ProcessBuilder.Redirect.DISCARD).start();
        byte[] out = p.getInputStream().readAllBytes();
        assertTrue(p.waitFor(120, TimeUnit.SECONDS), "qemu finished");
        assertEquals(0, p.exitValue(), "qemu's exit status");
        return out;
    }

    /** The words between blk<i> and blkend<i>, from the linked harness's disassembly. */
    private TreeMap<Integer, int[]> blockWords() throws IOException, InterruptedException {
        Process p = new ProcessBuilder("aarch64-linux-gnu-objdump", "-d", dir.resolve("harness").toString())
                .redirectErrorStream(true).start();
        String listing = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        p.waitFor(60, TimeUnit.SECONDS);
        TreeMap<Integer, int[]> words = new TreeMap<>();
        Pattern heading = Pattern.compile("^[0-9a-f]+ <(blk|blkend)(\\d+)>:");
        Pattern word = Pattern.compile("^\\s+[0-9a-f]+:\\s+([0-9a-f]{8})\\s");
        Integer current = null;
        List<Integer> collected = new ArrayList<>();
        for (String line : listing.split("\n")) {
            Matcher h = heading.matcher(line);
            if (h.find()) {
                if (current != null) {
                    words.put(current, collected.stream().mapToInt(Integer::intValue).toArray());
                }
                current = h.group(1).equals("blk") ? Integer.parseInt(h.group(2)) : null;
                collected = new ArrayList<>();
                continue;
            }
            if (line.matches("^[0-9a-f]+ <.*>:")) {
                if (current != null) {
                    words.put(current, collected.stream().mapToInt(Integer::intValue).toArray());
                }
                current = null;
                continue;
            }
            Matcher w = word.matcher(line);
            if (current != null && w.find()) {
                collected.add((int) Long.parseLong(w.group(1), 16));
            }
        }
        return words;
    }

    private static byte[] runOurs(int[] code, byte[] state, byte[] scratchInit) {
        byte[] codeFrame = new byte[4096];
        ByteBuffer c = ByteBuffer.wrap(codeFrame).order(ByteOrder.LITTLE_ENDIAN);
        for (int w : code) {
            c.putInt(w);
        }
        c.putInt(0xD400_0001);
        byte[] dataFrame = new byte[4096];
        System.arraycopy(scratchInit, 0, dataFrame, 0, SCRATCH);
        Page codePage = new Page(codeFrame, 0, true, false, true);
        Page dataPage = new Page(dataFrame, 0, true, true, false);
        Cpu cpu = new Cpu(va -> (va & ~0xFFFL) == SimdMachine.CODE ? codePage
                : (va & ~0xFFFL) == SimdMachine.DATA ? dataPage : null);
        ByteBuffer s = ByteBuffer.wrap(state).order(ByteOrder.LITTLE_ENDIAN);
        for (int i = 0; i < 64; i++) {
            cpu.v[i] = s.getLong(8 * i);
        }
        cpu.fpcr = (int) s.getLong(512);
        cpu.fpsr = 0;
        cpu.nzcv = (int) s.getLong(520);
        for (int i = 0; i < 26; i++) {
            cpu.x[i] = s.getLong(528 + 8 * i);
        }
        cpu.x[26] = SimdMachine.DATA + BASE;
        cpu.pc = SimdMachine.CODE;
        Stop stop = cpu.run(1000);
        ByteBuffer out = ByteBuffer.allocate(STATE + SCRATCH).order(ByteOrder.LITTLE_ENDIAN);
        if (!(stop instanceof Stop.SupervisorCall)) {
            out.putLong(512, 0xDEAD);
            out.putLong(520, stop.hashCode());
            return out.array();
        }
        for (int i = 0; i < 64; i++) {
            out.putLong(8 * i, cpu.v[i]);
        }
        out.putLong(512, cpu.fpsr & FPSR_CUMULATIVE);
        out.putLong(520, cpu.nzcv & 0xFFFF_FFFFL);
        for (int i = 0; i < 26; i++) {
            out.putLong(528 + 8 * i, cpu.x[i]);
        }
        out.putLong(736, cpu.x[26] - SimdMachine.DATA);
        out.put(STATE, dataFrame, 0, SCRATCH);
        return out.array();
    }

    private static void normaliseFpsr(byte[] theirs) {
        ByteBuffer b = ByteBuffer.wrap(theirs).order(ByteOrder.LITTLE_ENDIAN);
        b.putLong(512, b.getLong(512) & FPSR_CUMULATIVE);
    }

    private static String difference(byte[] ours, byte[] theirs) {
        ByteBuffer o = ByteBuffer.wrap(ours).order(ByteOrder.LITTLE_ENDIAN);
        ByteBuffer t = ByteBuffer.wrap(theirs).order(ByteOrder.LITTLE_ENDIAN);
        StringBuilder s = new StringBuilder();
        for (int i = 0; i < 32; i++) {
            if (o.getLong(16 * i) != t.getLong(16 * i) || o.getLong(16 * i + 8) != t.getLong(16 * i + 8)) {
                s.append(String.format("v%d ours %016x%016x qemu %016x%016x; ", i, o.getLong(16 * i + 8),
                        o.getLong(16 * i), t.getLong(16 * i + 8), t.getLong(16 * i)));
            }
        }
        if (o.getLong(512) != t.getLong(512)) {
            s.append(String.format("fpsr ours %x qemu %x; ", o.getLong(512), t.getLong(512)));
        }
        if (o.getLong(520) != t.getLong(520)) {
            s.append(String.format("nzcv ours %x qemu %x; ", o.getLong(520), t.getLong(520)));
        }
        for (int i = 0; i < 26; i++) {
            if (o.getLong(528 + 8 * i) != t.getLong(528 + 8 * i)) {
                s.append(String.format("x%d ours %x qemu %x; ", i, o.getLong(528 + 8 * i), t.getLong(528 + 8 * i)));
            }
        }
        if (o.getLong(736) != t.getLong(736)) {
            s.append(String.format("x26 (written back) ours +%d qemu +%d; ", o.getLong(736), t.getLong(736)));
        }
        for (int i = 0; i < SCRATCH; i++) {
            if (ours[STATE + i] != theirs[STATE + i]) {
                s.append("scratch differs from byte ").append(i).append("; ");
                break;
            }
        }
        return s.length() == 0 ? null : s.toString();
    }
}
