package io.huruhuru.sel4.app;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The ELF-64 header and PT_LOAD / PT_INTERP program headers of a file, read from its first bytes: the one ELF
 * reader of the project (the image checks and the model's loader both use it). Nothing beyond the given head is
 * read, and every count and offset is checked against it and the file size before use.
 *
 * @param version e_ident[EI_VERSION] and e_version, both 1 (EV_CURRENT) in a well-formed file
 */
public record ElfHeaders(int type, int machine, long entry, long programHeaderOffset, int programHeaderEntrySize,
                         int programHeaderCount, boolean currentVersion, boolean interpreter,
                         List<Segment> loadSegments) {

    public ElfHeaders {
        loadSegments = List.copyOf(loadSegments);
    }

    /** What made the headers unreadable. */
    public enum Problem {
        NOT_ELF, TRUNCATED_HEADER, NOT_64_BIT, NOT_LITTLE_ENDIAN, ABSURD_PROGRAM_HEADER_COUNT,
        PROGRAM_HEADER_ENTRY_SIZE, TABLE_PAST_END_OF_FILE, TABLE_PAST_HEAD
    }

    /** The outcome of reading: the headers, or the problem (with the ELF header when it was readable). */
    public sealed interface Reading {
    }

    public record Read(ElfHeaders headers) implements Reading {
    }

    public record Malformed(Problem problem, Optional<ElfHeaders> elfHeader) implements Reading {
    }

    public String typeName() {
        return Elf.typeName(type);
    }

    public String machineName() {
        return Elf.machineName(machine);
    }

    /** Where the program header table ends, or -1 when e_phoff is beyond any file. */
    public long programHeaderTableEnd() {
        return programHeaderOffset < 0 || programHeaderOffset > Long.MAX_VALUE - Elf.MAX_PROGRAM_HEADER_BYTES ? -1
                : programHeaderOffset + (long) programHeaderCount * Elf.PHDR_SIZE;
    }

    /**
     * Reads {@code head}, the first bytes of a file of {@code fileSize} bytes (all of it, or at least the header
     * and the program header table).
     */
    public static Reading read(byte[] head, long fileSize) {
        if (head.length < 4 || head[0] != 0x7f || head[1] != 'E' || head[2] != 'L' || head[3] != 'F') {
            return new Malformed(Problem.NOT_ELF, Optional.empty());
        }
        if (head.length < Elf.EHDR_SIZE) {
            return new Malformed(Problem.TRUNCATED_HEADER, Optional.empty());
        }
        if (head[4] != 2) {
            return new Malformed(Problem.NOT_64_BIT, Optional.empty());
        }
        if (head[5] != 1) {
            return new Malformed(Problem.NOT_LITTLE_ENDIAN, Optional.empty());
        }
        int phnum = u16(head, 56);
        int phentsize = u16(head, 54);
        ElfHeaders header = new ElfHeaders(u16(head, 16), u16(head, 18), u64(head, 24), u64(head, 32), phentsize,
                phnum, head[6] == 1 && u32(head, 20) == 1, false, List.of());
        if (phnum == Elf.PN_XNUM || (long) phnum * Elf.PHDR_SIZE > Elf.MAX_PROGRAM_HEADER_BYTES) {
            return new Malformed(Problem.ABSURD_PROGRAM_HEADER_COUNT, Optional.of(header));
        }
        if (phnum > 0 && phentsize != Elf.PHDR_SIZE) {
            return new Malformed(Problem.PROGRAM_HEADER_ENTRY_SIZE, Optional.of(header));
        }
        long tableEnd = header.programHeaderTableEnd();
        if (tableEnd < 0 || tableEnd > fileSize) {
            return new Malformed(Problem.TABLE_PAST_END_OF_FILE, Optional.of(header));
        }
        if (tableEnd > head.length) {
            return new Malformed(Problem.TABLE_PAST_HEAD, Optional.of(header));
        }
        boolean interpreter = false;
        List<Segment> loads = new ArrayList<>();
        for (int i = 0; i < phnum; i++) {
            int at = (int) header.programHeaderOffset() + i * Elf.PHDR_SIZE;
            long ptype = u32(head, at);
            if (ptype == Elf.PT_INTERP) {
                interpreter = true;
            } else if (ptype == Elf.PT_LOAD) {
                loads.add(new Segment(u64(head, at + 16), u64(head, at + 40), u64(head, at + 32), u64(head, at + 8),
                        (int) u32(head, at + 4), u64(head, at + 48)));
            }
        }
        return new Read(new ElfHeaders(header.type(), header.machine(), header.entry(), header.programHeaderOffset(),
                phentsize, phnum, header.currentVersion(), interpreter, loads));
    }

    private static int u16(byte[] b, int at) {
        return (b[at] & 0xff) | (b[at + 1] & 0xff) << 8;
    }

    private static long u32(byte[] b, int at) {
        return (u16(b, at) & 0xffffL) | (long) u16(b, at + 2) << 16;
    }

    private static long u64(byte[] b, int at) {
        return u32(b, at) | u32(b, at + 4) << 32;
    }
}
