package io.huruhuru.sel4.cpu.differential;

import static io.huruhuru.sel4.cpu.differential.InstructionGroup.destination;
import static io.huruhuru.sel4.cpu.differential.InstructionGroup.source;
import static io.huruhuru.sel4.cpu.differential.InstructionGroup.w;
import static io.huruhuru.sel4.cpu.differential.InstructionGroup.x;

import java.util.List;
import java.util.Random;

/**
 * Loads and stores in every addressing mode, pairs, exclusives, ordered and atomic accesses, all inside the 4 KiB
 * scratch area whose middle is in x28 (exclusives and atomics aligned, as the architecture requires).
 */
final class LoadStoreGroup implements InstructionGroup {
    /** Mnemonic, access size in bytes, whether it loads, whether its register is a W register. */
    private record Access(String mnemonic, int size, boolean load, boolean w) { }

    private static final Access[] SINGLE = {
        new Access("ldrb", 1, true, true), new Access("ldrsb", 1, true, false), new Access("ldrsb", 1, true, true),
        new Access("ldrh", 2, true, true), new Access("ldrsh", 2, true, false), new Access("ldrsh", 2, true, true),
        new Access("ldr", 4, true, true), new Access("ldrsw", 4, true, false), new Access("ldr", 8, true, false),
        new Access("strb", 1, false, true), new Access("strh", 2, false, true), new Access("str", 4, false, true),
        new Access("str", 8, false, false),
    };

    @Override
    public void emit(Random random, List<String> lines) {
        Access access = SINGLE[random.nextInt(SINGLE.length)];
        int rt = access.load() ? destination(random) : source(random);
        String t = access.w() ? w(rt) : x(rt);
        switch (random.nextInt(8)) {
            case 0 -> lines.add(access.mnemonic() + " " + t + ", [" + BASE + ", #" + access.size() * random.nextInt(2040 / access.size()) + "]");
            case 1 -> lines.add(unscaled(access.mnemonic()) + " " + t + ", [" + BASE + ", #" + (random.nextInt(512) - 256) + "]");
            case 2 -> {
                int offset = random.nextInt(512) - 256;
                lines.add("mov " + WRITEBACK_BASE + ", " + BASE);
                lines.add(random.nextBoolean()
                        ? access.mnemonic() + " " + t + ", [" + WRITEBACK_BASE + ", #" + offset + "]!"
                        : access.mnemonic() + " " + t + ", [" + WRITEBACK_BASE + "], #" + offset);
            }
            case 3 -> {
                lines.add("mov x26, #" + (random.nextInt(256) - 128));
                boolean word = random.nextBoolean();
                String scale = random.nextBoolean() ? " #" + Integer.numberOfTrailingZeros(access.size()) : "";
                lines.add(access.mnemonic() + " " + t + ", [" + BASE + ", " + (word ? "w26, sxtw" : "x26, sxtx") + scale
                        + "]");
            }
            case 4 -> pair(random, lines);
            case 5 -> exclusive(random, lines);
            case 6 -> atomic(random, lines);
            default -> ordered(random, lines);
        }
    }

    private static String unscaled(String mnemonic) {
        return mnemonic.replace("ldr", "ldur").replace("str", "stur");
    }

    private static int[] distinctDestinations(Random random, int count) {
        int[] chosen = new int[count];
        for (int i = 0; i < count; i++) {
            boolean repeated;
            do {
                chosen[i] = destination(random);
                repeated = false;
                for (int j = 0; j < i; j++) {
                    repeated |= chosen[j] == chosen[i];
                }
            } while (repeated);
        }
        return chosen;
    }

    private static void pair(Random random, List<String> lines) {
        int kind = random.nextInt(3);
        boolean load = random.nextBoolean() || kind == 2;
        int[] regs = load ? distinctDestinations(random, 2) : new int[] {source(random), source(random)};
        boolean wide = kind == 0;
        String a = wide ? x(regs[0]) : kind == 2 ? x(regs[0]) : w(regs[0]);
        String b = wide ? x(regs[1]) : kind == 2 ? x(regs[1]) : w(regs[1]);
        int scale = wide ? 8 : 4;
        String op = kind == 2 ? "ldpsw" : load ? "ldp" : "stp";
        int offset = (random.nextInt(128) - 64) * scale;
        switch (random.nextInt(3)) {
            case 0 -> lines.add(op + " " + a + ", " + b + ", [" + BASE + ", #" + offset + "]");
            case 1 -> {
                lines.add("mov " + WRITEBACK_BASE + ", " + BASE);
                lines.add(op + " " + a + ", " + b + ", [" + WRITEBACK_BASE + ", #" + offset + "]!");
            }
            default -> {
                lines.add("mov " + WRITEBACK_BASE + ", " + BASE);
                lines.add(op + " " + a + ", " + b + ", [" + WRITEBACK_BASE + "], #" + offset);
            }
        }
    }

    private static void exclusive(Random random, List<String> lines) {
        int[] regs = distinctDestinations(random, 3);
        boolean wide = random.nextBoolean();
        String value = wide ? x(regs[0]) : w(regs[0]);
        lines.add("add " + WRITEBACK_BASE + ", " + BASE + ", #" + 16 * random.nextInt(64));
        lines.add((random.nextBoolean() ? "ldxr " : "ldaxr ") + value + ", [" + WRITEBACK_BASE + "]");
        lines.add("add " + value + ", " + value + ", #" + random.nextInt(100));
        lines.add((random.nextBoolean() ? "stxr " : "stlxr ") + w(regs[1]) + ", " + value + ", [" + WRITEBACK_BASE + "]");
        if (random.nextBoolean()) {
            lines.add("ldxp " + x(regs[0]) + ", " + x(regs[2]) + ", [" + WRITEBACK_BASE + "]");
            lines.add("stlxp " + w(regs[1]) + ", " + x(regs[2]) + ", " + x(regs[0]) + ", [" + WRITEBACK_BASE + "]");
        }
    }

    private static void atomic(Random random, List<String> lines) {
        int[] regs = distinctDestinations(random, 2);
        int size = random.nextInt(4);
        String suffix = new String[] {"", "a", "l", "al"}[random.nextInt(4)] + new String[] {"b", "h", "", ""}[size];
        boolean wide = size == 3;
        String s = wide ? x(source(random)) : w(source(random));
        String t = wide ? x(regs[0]) : w(regs[0]);
        lines.add("add " + WRITEBACK_BASE + ", " + BASE + ", #" + 8 * random.nextInt(128));
        if (random.nextInt(4) == 0) {
            String compare = wide ? x(regs[1]) : w(regs[1]);
            lines.add("cas" + suffix + " " + compare + ", " + s + ", [" + WRITEBACK_BASE + "]");
            return;
        }
        String op = new String[] {"ldadd", "ldclr", "ldeor", "ldset", "ldsmax", "ldsmin", "ldumax", "ldumin", "swp"}[
                random.nextInt(9)];
        lines.add(op + suffix + " " + s + ", " + t + ", [" + WRITEBACK_BASE + "]");
    }

    private static void ordered(Random random, List<String> lines) {
        int rt = destination(random);
        lines.add("add " + WRITEBACK_BASE + ", " + BASE + ", #" + 8 * random.nextInt(128));
        lines.add(switch (random.nextInt(5)) {
            case 0 -> "ldar " + x(rt) + ", [" + WRITEBACK_BASE + "]";
            case 1 -> "stlr " + x(source(random)) + ", [" + WRITEBACK_BASE + "]";
            case 2 -> "ldarb " + w(rt) + ", [" + WRITEBACK_BASE + "]";
            case 3 -> "stlrh " + w(source(random)) + ", [" + WRITEBACK_BASE + "]";
            default -> "ldapr " + w(rt) + ", [" + WRITEBACK_BASE + "]";
        });
    }
}
