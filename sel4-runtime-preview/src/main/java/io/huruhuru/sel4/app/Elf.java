package io.huruhuru.sel4.app;

/**
 * The ELF-64 constants the model and the image checks use (System V ABI, "ELF Header" and "Program Header"),
 * with their names for reports.
 */
public final class Elf {

    public static final int ET_EXEC = 2;
    public static final int ET_DYN = 3;
    public static final int EM_386 = 3;
    public static final int EM_ARM = 40;
    public static final int EM_X86_64 = 62;
    public static final int EM_AARCH64 = 183;
    public static final int EM_RISCV = 243;
    public static final int PT_LOAD = 1;
    public static final int PT_INTERP = 3;
    /** Bytes of the ELF-64 header and of one program header. */
    public static final int EHDR_SIZE = 64;
    public static final int PHDR_SIZE = 56;
    /** e_phnum's escape value: the real count is in section header 0, which a loader of static PIEs refuses. */
    public static final int PN_XNUM = 0xffff;
    /** Linux refuses program header tables above 64 KiB (fs/binfmt_elf.c, elf_read_ehdr); so do we. */
    public static final int MAX_PROGRAM_HEADER_BYTES = 64 << 10;

    private Elf() {
    }

    public static String typeName(int type) {
        return switch (type) {
            case 0 -> "ET_NONE";
            case 1 -> "ET_REL";
            case ET_EXEC -> "ET_EXEC";
            case ET_DYN -> "ET_DYN";
            case 4 -> "ET_CORE";
            default -> "e_type " + type;
        };
    }

    public static String machineName(int machine) {
        return switch (machine) {
            case EM_386 -> "EM_386";
            case EM_ARM -> "EM_ARM";
            case EM_X86_64 -> "EM_X86_64";
            case EM_AARCH64 -> "EM_AARCH64";
            case EM_RISCV -> "EM_RISCV";
            default -> "e_machine " + machine;
        };
    }
}
