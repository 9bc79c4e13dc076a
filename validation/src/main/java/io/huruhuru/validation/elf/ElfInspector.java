package io.huruhuru.validation.elf;

import io.huruhuru.validation.RuleId;
import io.huruhuru.validation.Violation;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * Checks the ELF header and program headers of a native koskit app: ELF64, little-endian, the image's machine,
 * position independent ({@code ET_DYN}), static (no {@code PT_INTERP}), sane {@code PT_LOAD} segments.
 *
 * <p>Offsets and constants are those of the System V ABI ELF-64 object file format; nothing beyond the given head
 * bytes is read, and every count and offset is checked against them before use.
 */
public final class ElfInspector {

    /** Linux refuses program header tables above 64 KiB (fs/binfmt_elf.c, elf_read_ehdr); so do we. */
    public static final int MAX_PROGRAM_HEADER_BYTES = 64 << 10;
    private static final int EHDR_SIZE = 64;
    private static final int PHDR_SIZE = 56;
    private static final int PN_XNUM = 0xffff;
    private static final int PT_LOAD = 1;
    private static final int PT_INTERP = 3;

    private ElfInspector() {
    }

    /**
     * Inspects {@code head}, the first bytes of the file {@code where} of {@code fileSize} bytes.
     *
     * @param expectedMachine the {@code e_machine} the image's architecture calls for, if known
     */
    public static ElfInspection inspect(byte[] head, long fileSize, String where, OptionalInt expectedMachine) {
        List<Violation> out = new ArrayList<>();
        if (head.length < 4 || head[0] != 0x7f || head[1] != 'E' || head[2] != 'L' || head[3] != 'F') {
            out.add(RuleId.ELF_NOT_ELF.violation(where, "the binary is not an ELF file", "ELF magic 7f 45 4c 46",
                    hex(head, 4)));
            return new ElfInspection(Optional.empty(), out);
        }
        if (head.length < EHDR_SIZE) {
            out.add(RuleId.ELF_TRUNCATED.violation(where, "the ELF header is cut short", EHDR_SIZE + " bytes",
                    fileSize + " bytes"));
            return new ElfInspection(Optional.empty(), out);
        }
        if (head[4] != 2) {
            out.add(RuleId.ELF_CLASS.violation(where, "the binary is not a 64-bit ELF file", "ELFCLASS64",
                    head[4] == 1 ? "ELFCLASS32" : "EI_CLASS " + head[4]));
            return new ElfInspection(Optional.empty(), out);
        }
        if (head[5] != 1) {
            out.add(RuleId.ELF_HEADER.violation(where, "the binary is not little-endian", "ELFDATA2LSB",
                    head[5] == 2 ? "ELFDATA2MSB" : "EI_DATA " + head[5]));
            return new ElfInspection(Optional.empty(), out);
        }
        if (head[6] != 1 || u32(head, 20) != 1) {
            out.add(RuleId.ELF_HEADER.violation(where, "the ELF version is not EV_CURRENT", "1",
                    head[6] + "/" + u32(head, 20)));
        }
        int type = u16(head, 16);
        int machine = u16(head, 18);
        long entry = u64(head, 24);
        long phoff = u64(head, 32);
        int phentsize = u16(head, 54);
        int phnum = u16(head, 56);
        if (type != ElfSummary.ET_DYN) {
            out.add(RuleId.ELF_NOT_PIE.violation(where, "the binary is not position independent", "ET_DYN",
                    ElfSummary.typeName(type)));
        }
        if (expectedMachine.isPresent() && machine != expectedMachine.getAsInt()) {
            out.add(RuleId.ELF_MACHINE.violation(where, "the binary is built for another machine than the image's "
                    + "architecture", ElfSummary.machineName(expectedMachine.getAsInt()),
                    ElfSummary.machineName(machine)));
        }
        if (phnum == PN_XNUM || (long) phnum * PHDR_SIZE > MAX_PROGRAM_HEADER_BYTES) {
            out.add(RuleId.ELF_PHDR_COUNT.violation(where, "the program header count is absurd",
                    "at most " + MAX_PROGRAM_HEADER_BYTES / PHDR_SIZE, Integer.toString(phnum)));
            return new ElfInspection(Optional.of(new ElfSummary(type, machine, entry, phnum, false, List.of())), out);
        }
        if (phnum > 0 && phentsize != PHDR_SIZE) {
            out.add(RuleId.ELF_HEADER.violation(where, "e_phentsize is not the ELF64 program header size",
                    Integer.toString(PHDR_SIZE), Integer.toString(phentsize)));
            return new ElfInspection(Optional.of(new ElfSummary(type, machine, entry, phnum, false, List.of())), out);
        }
        long tableEnd = phoff < 0 || phoff > Long.MAX_VALUE - MAX_PROGRAM_HEADER_BYTES ? -1
                : phoff + (long) phnum * PHDR_SIZE;
        if (tableEnd < 0 || tableEnd > fileSize) {
            out.add(RuleId.ELF_TRUNCATED.violation(where, "the program header table ends past the end of the file",
                    "e_phoff + e_phnum * 56 <= " + fileSize, phoff < 0 ? "e_phoff " + Long.toUnsignedString(phoff)
                            : Long.toString(tableEnd)));
            return new ElfInspection(Optional.of(new ElfSummary(type, machine, entry, phnum, false, List.of())), out);
        }
        if (tableEnd > head.length) {
            out.add(RuleId.ELF_HEADER.violation(where, "the program header table is not within the inspected start "
                    + "of the file", "e_phoff + e_phnum * 56 <= " + head.length, Long.toString(tableEnd)));
            return new ElfInspection(Optional.of(new ElfSummary(type, machine, entry, phnum, false, List.of())), out);
        }
        boolean interpreter = false;
        List<Segment> loads = new ArrayList<>();
        for (int i = 0; i < phnum; i++) {
            int at = (int) phoff + i * PHDR_SIZE;
            long ptype = u32(head, at);
            if (ptype == PT_INTERP) {
                interpreter = true;
            } else if (ptype == PT_LOAD) {
                loads.add(new Segment(u64(head, at + 8), u64(head, at + 16), u64(head, at + 32), u64(head, at + 40),
                        (int) u32(head, at + 4), u64(head, at + 48)));
            }
        }
        if (interpreter) {
            out.add(RuleId.ELF_NOT_STATIC.violation(where, "the binary is dynamically linked (it has PT_INTERP)",
                    "no PT_INTERP", "PT_INTERP"));
        }
        checkSegments(loads, entry, fileSize, where, out);
        return new ElfInspection(Optional.of(new ElfSummary(type, machine, entry, phnum, interpreter, loads)), out);
    }

    private static void checkSegments(List<Segment> loads, long entry, long fileSize, String where,
            List<Violation> out) {
        if (loads.isEmpty()) {
            out.add(RuleId.ELF_SEGMENTS.violation(where, "the binary has no PT_LOAD segment", "at least one PT_LOAD",
                    "none"));
            return;
        }
        boolean entryMapped = false;
        for (int i = 0; i < loads.size(); i++) {
            Segment s = loads.get(i);
            String which = "PT_LOAD #" + i;
            if (Long.compareUnsigned(s.fileSize(), s.memorySize()) > 0) {
                out.add(RuleId.ELF_SEGMENTS.violation(where, which + " has p_filesz above p_memsz",
                        "p_filesz <= p_memsz", s.fileSize() + " > " + s.memorySize()));
            }
            if (s.memorySize() < 0 || s.virtualAddress() < 0 || s.virtualAddress() > Long.MAX_VALUE - s.memorySize()) {
                out.add(RuleId.ELF_SEGMENTS.violation(where, which + " wraps around the address space",
                        "p_vaddr + p_memsz below 2^63", Long.toUnsignedString(s.virtualAddress()) + " + "
                                + Long.toUnsignedString(s.memorySize())));
                continue;
            }
            if (s.offset() < 0 || s.fileSize() < 0 || s.offset() > fileSize - s.fileSize()) {
                out.add(RuleId.ELF_SEGMENTS.violation(where, which + " reads past the end of the file",
                        "p_offset + p_filesz <= " + fileSize, Long.toUnsignedString(s.offset()) + " + "
                                + Long.toUnsignedString(s.fileSize())));
            }
            if (s.writable() && s.executable()) {
                out.add(RuleId.ELF_SEGMENT_WX.violation(where, which + " is both writable and executable",
                        "R-X or RW-", s.flagsText()));
            }
            if (s.executable() && entry >= s.virtualAddress() && entry - s.virtualAddress() < s.memorySize()) {
                entryMapped = true;
            }
        }
        if (!entryMapped) {
            out.add(RuleId.ELF_SEGMENTS.violation(where, "the entry point is not inside an executable PT_LOAD segment",
                    "an address in an executable PT_LOAD", "0x" + Long.toHexString(entry)));
        }
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

    private static String hex(byte[] b, int n) {
        StringBuilder s = new StringBuilder();
        for (int i = 0; i < Math.min(n, b.length); i++) {
            s.append(i == 0 ? "" : " ").append(String.format("%02x", b[i] & 0xff));
        }
        return s.length() == 0 ? "empty file" : s.toString();
    }
}
