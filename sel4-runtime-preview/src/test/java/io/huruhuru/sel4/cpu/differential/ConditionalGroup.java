package io.huruhuru.sel4.cpu.differential;

import static io.huruhuru.sel4.cpu.differential.InstructionGroup.destination;
import static io.huruhuru.sel4.cpu.differential.InstructionGroup.reg;
import static io.huruhuru.sel4.cpu.differential.InstructionGroup.source;

import java.util.List;
import java.util.Random;

/** Conditional select and compare, and forward branches (b.cond, cbz/cbnz, tbz/tbnz) over one instruction. */
final class ConditionalGroup implements InstructionGroup {
    private static final String[] CONDITIONS = {"eq", "ne", "cs", "cc", "mi", "pl", "vs", "vc", "hi", "ls", "ge", "lt",
        "gt", "le", "al"};

    @Override
    public void emit(Random random, List<String> lines) {
        boolean wide = random.nextBoolean();
        String d = reg(wide, destination(random));
        String n = reg(wide, source(random));
        String m = reg(wide, source(random));
        String cond = CONDITIONS[random.nextInt(CONDITIONS.length)];
        switch (random.nextInt(4)) {
            case 0 -> lines.add(new String[] {"csel", "csinc", "csinv", "csneg"}[random.nextInt(4)] + " " + d + ", " + n
                    + ", " + m + ", " + cond);
            case 1 -> lines.add(new String[] {"ccmp", "ccmn"}[random.nextInt(2)] + " " + n + ", "
                    + (random.nextBoolean() ? m : "#" + random.nextInt(32)) + ", #" + random.nextInt(16) + ", " + cond);
            case 2 -> {
                String branch = switch (random.nextInt(3)) {
                    case 0 -> "b." + cond + " 1f";
                    case 1 -> (random.nextBoolean() ? "cbz " : "cbnz ") + reg(wide, source(random) % 31) + ", 1f";
                    default -> (random.nextBoolean() ? "tbz " : "tbnz ") + reg(true, source(random) % 31) + ", #"
                            + random.nextInt(64) + ", 1f";
                };
                lines.add(branch);
                lines.add("add " + reg(true, destination(random)) + ", " + reg(true, source(random) % 31) + ", #1");
                lines.add("1:");
            }
            default -> lines.add(new String[] {"cset", "csetm"}[random.nextInt(2)] + " " + d + ", " + CONDITIONS[random.nextInt(CONDITIONS.length - 1)]);
        }
    }
}
