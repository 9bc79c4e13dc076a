package io.huruhuru.validation.elf;

/**
 * A {@code PT_LOAD} program header: what the root server maps for the app (ELF-64 Object File Format, "Program
 * header").
 *
 * @param flags {@code PF_X} 1, {@code PF_W} 2, {@code PF_R} 4
 */
public record Segment(long offset, long virtualAddress, long fileSize, long memorySize, int flags, long align) {

    public static final int PF_X = 1;
    public static final int PF_W = 2;
    public static final int PF_R = 4;

    public boolean writable() {
        return (flags & PF_W) != 0;
    }

    public boolean executable() {
        return (flags & PF_X) != 0;
    }

    /** {@code R-X} style flags. */
    public String flagsText() {
        return ((flags & PF_R) != 0 ? "R" : "-") + (writable() ? "W" : "-") + (executable() ? "X" : "-");
    }
}
