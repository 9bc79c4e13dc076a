package io.huruhuru.sel4.cpu.differential;

import static io.huruhuru.sel4.cpu.differential.InstructionGroup.destination;
import static io.huruhuru.sel4.cpu.differential.InstructionGroup.reg;
import static io.huruhuru.sel4.cpu.differential.InstructionGroup.source;
import static io.huruhuru.sel4.cpu.differential.InstructionGroup.w;
import static io.huruhuru.sel4.cpu.differential.InstructionGroup.x;

import java.util.List;
import java.util.Random;

/** Multiplies (with long and high forms), divisions, variable shifts and bit/byte operations. */
final class MultiplyDivideGroup implements InstructionGroup {
    @Override
    public void emit(Random random, List<String> lines) {
        boolean wide = random.nextBoolean();
        String d = reg(wide, destination(random));
        String n = reg(wide, source(random));
        String m = reg(wide, source(random));
        switch (random.nextInt(6)) {
            case 0 -> lines.add(new String[] {"madd", "msub"}[random.nextInt(2)] + " " + d + ", " + n + ", " + m + ", "
                    + reg(wide, source(random)));
            case 1 -> lines.add(new String[] {"smaddl", "smsubl", "umaddl", "umsubl"}[random.nextInt(4)] + " "
                    + x(destination(random)) + ", " + w(source(random)) + ", " + w(source(random)) + ", " + x(source(random)));
            case 2 -> lines.add(new String[] {"smulh", "umulh"}[random.nextInt(2)] + " " + x(destination(random)) + ", "
                    + x(source(random)) + ", " + x(source(random)));
            case 3 -> lines.add(new String[] {"udiv", "sdiv"}[random.nextInt(2)] + " " + d + ", " + n + ", " + m);
            case 4 -> lines.add(new String[] {"lslv", "lsrv", "asrv", "rorv"}[random.nextInt(4)] + " " + d + ", " + n
                    + ", " + m);
            default -> {
                String[] ops = wide ? new String[] {"clz", "cls", "rbit", "rev", "rev16", "rev32"}
                        : new String[] {"clz", "cls", "rbit", "rev", "rev16"};
                lines.add(ops[random.nextInt(ops.length)] + " " + d + ", " + n);
            }
        }
    }
}
