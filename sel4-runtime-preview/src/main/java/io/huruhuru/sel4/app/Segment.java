package io.huruhuru.sel4.app;

/** One ELF PT_LOAD segment: where it goes, how much of it comes from the file, and its permissions (p_flags). */
public record Segment(long vaddr, long memsz, long filesz, long fileOffset, int flags) {

    public static final int PF_X = 1;
    public static final int PF_W = 2;
    public static final int PF_R = 4;

    public Segment {
        if (memsz < 0 || filesz < 0) {
            throw new IllegalArgumentException("segment sizes must not be negative");
        }
        if (Long.compareUnsigned(filesz, memsz) > 0) {
            throw new IllegalArgumentException("segment at 0x" + Long.toHexString(vaddr)
                    + " has a file size larger than its memory size");
        }
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

    public String permissions() {
        return (readable() ? "r" : "-") + (writable() ? "w" : "-") + (executable() ? "x" : "-");
    }
}
