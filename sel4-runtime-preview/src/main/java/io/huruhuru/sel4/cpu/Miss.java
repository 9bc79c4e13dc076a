package io.huruhuru.sel4.cpu;

/**
 * Why a walk found no page for an address: the Arm level (0..3) of the descriptor that was invalid, or an
 * address beyond the translation's input range (Arm ARM D8.3 "Translation faults", "Address size faults").
 */
public record Miss(boolean addressSize, int level) {
    public Miss {
        if (level < 0 || level > 3) {
            throw new IllegalArgumentException("a translation level is 0 to 3, not " + level);
        }
    }

    /** The leaf entry was invalid: what a walk through every table finds. */
    public static final Miss LEVEL_3 = new Miss(false, 3);
}
