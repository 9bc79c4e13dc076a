package io.huruhuru.sel4.app;

/**
 * One ELF PT_LOAD program header as the file states it: where it goes, how much of it comes from the file, its
 * permissions (p_flags) and alignment. Whether it is loadable is {@link ElfImage}'s question (the image checks
 * report a hostile header rather than fail on it).
 */
public record Segment(long vaddr, long memsz, long filesz, long fileOffset, int flags, long align) {

    public static final int PF_X = 1;
    public static final int PF_W = 2;
    public static final int PF_R = 4;
    /** The p_align of a segment a description states without one: a 4 KiB page. */
    public static final long DEFAULT_ALIGN = 0x1000;

    /** A segment aligned to a 4 KiB page. */
    public Segment(long vaddr, long memsz, long filesz, long fileOffset, int flags) {
        this(vaddr, memsz, filesz, fileOffset, flags, DEFAULT_ALIGN);
    }

    public boolean readable() {
        return (flags & PF_R) != 0;
    }

    public boolean writable() {
        return (flags & PF_W) != 0;
    }

    public boolean executable() {
        return (flags & PF_X) != 0;
    }

    /** {@code rwx} style, as the boot report writes it. */
    public String permissions() {
        return (readable() ? "r" : "-") + (writable() ? "w" : "-") + (executable() ? "x" : "-");
    }

    /** {@code R-X} style, as the validation report writes it. */
    public String flagsText() {
        return (readable() ? "R" : "-") + (writable() ? "W" : "-") + (executable() ? "X" : "-");
    }

    /** Whether [vaddr, vaddr + memsz) lies below 2^63 without wrapping. */
    public boolean fitsAddressSpace() {
        return memsz >= 0 && vaddr >= 0 && vaddr <= Long.MAX_VALUE - memsz;
    }
}
