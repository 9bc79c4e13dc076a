package io.huruhuru.sel4.cpu.differential;

import static io.huruhuru.sel4.cpu.differential.InstructionGroup.destination;
import static io.huruhuru.sel4.cpu.differential.InstructionGroup.reg;
import static io.huruhuru.sel4.cpu.differential.InstructionGroup.source;

import java.util.List;
import java.util.Random;

/** Logical (immediate and shifted), move wide, bitfield moves and extract. */
final class LogicalGroup implements InstructionGroup {
    private static final String[] LOGIC = {"and", "orr", "eor", "ands", "bic", "orn", "eon", "bics"};
    private static final String[] SHIFTS = {"lsl", "lsr", "asr", "ror"};

    @Override
    public void emit(Random random, List<String> lines) {
        boolean wide = random.nextBoolean();
        int size = wide ? 64 : 32;
        String d = reg(wide, destination(random));
        String n = reg(wide, source(random));
        switch (random.nextInt(6)) {
            case 0 -> lines.add(LOGIC[random.nextInt(LOGIC.length)] + " " + d + ", " + n + ", " + reg(wide, source(random))
                    + ", " + SHIFTS[random.nextInt(4)] + " #" + random.nextInt(size));
            case 1 -> lines.add(new String[] {"and", "orr", "eor", "ands"}[random.nextInt(4)] + " " + d + ", " + n
                    + ", #0x" + Long.toHexString(bitmask(random, wide)));
            case 2 -> lines.add(new String[] {"movz", "movn", "movk"}[random.nextInt(3)] + " " + d + ", #"
                    + random.nextInt(65536) + ", lsl #" + 16 * random.nextInt(wide ? 4 : 2));
            case 3 -> {
                int lsb = random.nextInt(size);
                int width = 1 + random.nextInt(size - lsb);
                String op = new String[] {"ubfx", "sbfx", "bfi", "bfxil", "ubfiz", "sbfiz"}[random.nextInt(6)];
                lines.add(op + " " + d + ", " + n + ", #" + lsb + ", #" + width);
            }
            case 4 -> lines.add(new String[] {"lsl", "lsr", "asr", "ror"}[random.nextInt(4)] + " " + d + ", " + n + ", #"
                    + random.nextInt(size));
            default -> lines.add("extr " + d + ", " + n + ", " + reg(wide, source(random)) + ", #" + random.nextInt(size));
        }
    }

    /** A value the logical-immediate encoding can express: an element of 2..size bits, a run of ones, rotated. */
    private static long bitmask(Random random, boolean wide) {
        int maxLog = wide ? 6 : 5;
        int esize = 1 << (1 + random.nextInt(maxLog));
        int ones = 1 + random.nextInt(esize - 1);
        int rotate = random.nextInt(esize);
        long element = (1L << ones) - 1;
        if (rotate != 0) {
            long mask = esize == 64 ? -1L : (1L << esize) - 1;
            element = ((element >>> rotate) | (element << (esize - rotate))) & mask;
        }
        long value = 0;
        for (int i = 0; i < (wide ? 64 : 32); i += esize) {
            value |= element << i;
        }
        return wide ? value : value & 0xFFFF_FFFFL;
    }
}
