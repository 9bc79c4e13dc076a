package io.huruhuru.sel4.app;

import java.util.List;

/**
 * What the root server needs from an ELF64 executable: type, machine, entry point and PT_LOAD segments
 * (System V ABI, ELF header and program header table), each segment's bytes inside the file and no larger in
 * the file than in memory.
 */
public record ElfImage(boolean positionIndependent, int machine, long entry, List<Segment> segments) {

    public ElfImage {
        segments = List.copyOf(segments);
        if (segments.isEmpty()) {
            throw new IllegalArgumentException("the ELF file has no PT_LOAD segment");
        }
        for (int i = 0; i < segments.size(); i++) {
            Segment s = segments.get(i);
            if (s.memsz() < 0 || s.filesz() < 0) {
                throw new IllegalArgumentException("PT_LOAD segment " + i + " has a negative size");
            }
            if (Long.compareUnsigned(s.filesz(), s.memsz()) > 0) {
                throw new IllegalArgumentException("PT_LOAD segment " + i + " at 0x" + Long.toHexString(s.vaddr())
                        + " has a file size larger than its memory size");
            }
        }
    }

    /** Reads the ELF header and program headers of a whole file; anything malformed is an IllegalArgumentException. */
    public static ElfImage parse(byte[] bytes) {
        return of(ElfHeaders.read(bytes, bytes.length), bytes.length);
    }

    /**
     * The loadable image of headers read from the first bytes of a file of {@code fileSize} bytes.
     *
     * @throws IllegalArgumentException naming what makes the file no loadable executable
     */
    public static ElfImage of(ElfHeaders.Reading reading, long fileSize) {
        if (reading instanceof ElfHeaders.Malformed m) {
            throw new IllegalArgumentException(switch (m.problem()) {
                case NOT_ELF -> "not an ELF file (bad magic)";
                case TRUNCATED_HEADER -> "the ELF header is cut short";
                case NOT_64_BIT -> "not a 64-bit ELF file";
                case NOT_LITTLE_ENDIAN -> "not a little-endian ELF file";
                case ABSURD_PROGRAM_HEADER_COUNT -> "the program header count is absurd";
                case PROGRAM_HEADER_ENTRY_SIZE -> "program header entries are not 56 bytes";
                case TABLE_PAST_END_OF_FILE -> "the program header table lies outside the file";
                // Validation reads only the head of a file: a table beyond it may still be inside the file.
                case TABLE_PAST_HEAD -> "the program header table lies beyond the bytes read from the start of the file";
            });
        }
        ElfHeaders h = ((ElfHeaders.Read) reading).headers();
        if (h.type() != Elf.ET_EXEC && h.type() != Elf.ET_DYN) {
            throw new IllegalArgumentException("the ELF file is neither an executable nor a PIE (" + h.typeName() + ")");
        }
        List<Segment> loads = h.loadSegments();
        for (int i = 0; i < loads.size(); i++) {
            Segment s = loads.get(i);
            if (s.fileOffset() < 0 || s.filesz() < 0 || s.fileOffset() > fileSize - s.filesz()) {
                throw new IllegalArgumentException("PT_LOAD segment " + i + " reaches past the end of the file");
            }
            if (!s.fitsAddressSpace()) {
                throw new IllegalArgumentException("PT_LOAD segment " + i + " wraps around the address space");
            }
        }
        return new ElfImage(h.type() == Elf.ET_DYN, h.machine(), h.entry(), loads);
    }
}
