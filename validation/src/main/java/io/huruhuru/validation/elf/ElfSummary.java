package io.huruhuru.validation.elf;

import java.util.List;

/**
 * What the boot preview needs from the app binary's headers.
 *
 * @param type {@code e_type} (2 ET_EXEC, 3 ET_DYN)
 * @param machine {@code e_machine} (183 EM_AARCH64, 62 EM_X86_64)
 * @param interpreter whether a {@code PT_INTERP} program header asks for a dynamic loader
 * @param loadSegments the {@code PT_LOAD} program headers in table order
 */
public record ElfSummary(int type, int machine, long entry, int programHeaderCount, boolean interpreter,
        List<Segment> loadSegments) {

    public static final int ET_EXEC = 2;
    public static final int ET_DYN = 3;
    public static final int EM_386 = 3;
    public static final int EM_ARM = 40;
    public static final int EM_X86_64 = 62;
    public static final int EM_AARCH64 = 183;
    public static final int EM_RISCV = 243;

    public ElfSummary {
        loadSegments = List.copyOf(loadSegments);
    }

    public String typeName() {
        return typeName(type);
    }

    public String machineName() {
        return machineName(machine);
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
