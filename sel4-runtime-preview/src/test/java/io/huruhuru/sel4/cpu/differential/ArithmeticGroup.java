package io.huruhuru.sel4.cpu.differential;

import static io.huruhuru.sel4.cpu.differential.InstructionGroup.destination;
import static io.huruhuru.sel4.cpu.differential.InstructionGroup.reg;
import static io.huruhuru.sel4.cpu.differential.InstructionGroup.source;

import java.util.List;
import java.util.Random;

/** add/sub (immediate, shifted, extended), their flag-setting forms, adc/sbc, neg, cmp/cmn. */
final class ArithmeticGroup implements InstructionGroup {
    private static final String[] OPS = {"add", "adds", "sub", "subs"};
    private static final String[] SHIFTS = {"lsl", "lsr", "asr"};
    private static final String[] EXTENDS = {"uxtb", "uxth", "uxtw", "uxtx", "sxtb", "sxth", "sxtw", "sxtx"};

    @Override
    public void emit(Random random, List<String> lines) {
        boolean wide = random.nextBoolean();
        String op = OPS[random.nextInt(OPS.length)];
        String d = reg(wide, destination(random));
        String n = reg(wide, source(random) % 31);
        switch (random.nextInt(5)) {
            case 0 -> lines.add(op + " " + d + ", " + n + ", #" + random.nextInt(4096)
                    + (random.nextBoolean() ? ", lsl #12" : ""));
            case 1 -> lines.add(op + " " + d + ", " + n + ", " + reg(wide, source(random)) + ", "
                    + SHIFTS[random.nextInt(3)] + " #" + random.nextInt(wide ? 64 : 32));
            case 2 -> {
                String ext = EXTENDS[random.nextInt(EXTENDS.length)];
                boolean wideSource = wide && (ext.endsWith("x"));
                lines.add(op + " " + d + ", " + n + ", " + reg(wideSource, source(random)) + ", " + ext + " #"
                        + random.nextInt(5));
            }
            case 3 -> lines.add(new String[] {"adc", "adcs", "sbc", "sbcs"}[random.nextInt(4)] + " " + d + ", "
                    + reg(wide, source(random)) + ", " + reg(wide, source(random)));
            default -> lines.add(new String[] {"cmp", "cmn"}[random.nextInt(2)] + " " + n + ", "
                    + reg(wide, source(random)));
        }
    }
}
