package io.huruhuru.validation.elf;

import io.huruhuru.sel4.app.Elf;
import io.huruhuru.sel4.app.ElfHeaders;
import io.huruhuru.sel4.app.Segment;
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
 * <p>The headers are read by the model's one ELF reader ({@link ElfHeaders}); this class turns what it finds
 * into violations. Nothing beyond the given head bytes is read.
 */
public final class ElfInspector {

    private ElfInspector() {
    }

    /**
     * Inspects {@code head}, the first bytes of the file {@code where} of {@code fileSize} bytes.
     *
     * @param expectedMachine the {@code e_machine} the image's architecture calls for, if known
     */
    public static ElfInspection inspect(byte[] head, long fileSize, String where, OptionalInt expectedMachine) {
        List<Violation> out = new ArrayList<>();
        ElfHeaders.Reading reading = ElfHeaders.read(head, fileSize);
        if (reading instanceof ElfHeaders.Malformed m && m.elfHeader().isEmpty()) {
            out.add(switch (m.problem()) {
                case NOT_ELF -> RuleId.ELF_NOT_ELF.violation(where, "the binary is not an ELF file",
                        "ELF magic 7f 45 4c 46", hex(head, 4));
                case TRUNCATED_HEADER -> RuleId.ELF_TRUNCATED.violation(where, "the ELF header is cut short",
                        Elf.EHDR_SIZE + " bytes", fileSize + " bytes");
                case NOT_64_BIT -> RuleId.ELF_CLASS.violation(where, "the binary is not a 64-bit ELF file",
                        "ELFCLASS64", head[4] == 1 ? "ELFCLASS32" : "EI_CLASS " + head[4]);
                default -> RuleId.ELF_HEADER.violation(where, "the binary is not little-endian", "ELFDATA2LSB",
                        head[5] == 2 ? "ELFDATA2MSB" : "EI_DATA " + head[5]);
            });
            return new ElfInspection(Optional.empty(), out);
        }
        ElfHeaders h = reading instanceof ElfHeaders.Read r ? r.headers()
                : ((ElfHeaders.Malformed) reading).elfHeader().orElseThrow();
        if (!h.currentVersion()) {
            out.add(RuleId.ELF_HEADER.violation(where, "the ELF version is not EV_CURRENT", "1",
                    head[6] + "/" + u32(head, 20)));
        }
        if (h.type() != Elf.ET_DYN) {
            out.add(RuleId.ELF_NOT_PIE.violation(where, "the binary is not position independent", "ET_DYN",
                    h.typeName()));
        }
        if (expectedMachine.isPresent() && h.machine() != expectedMachine.getAsInt()) {
            out.add(RuleId.ELF_MACHINE.violation(where, "the binary is built for another machine than the image's "
                    + "architecture", Elf.machineName(expectedMachine.getAsInt()), h.machineName()));
        }
        if (reading instanceof ElfHeaders.Malformed m) {
            long tableEnd = h.programHeaderTableEnd();
            long phoff = h.programHeaderOffset();
            out.add(switch (m.problem()) {
                case ABSURD_PROGRAM_HEADER_COUNT -> RuleId.ELF_PHDR_COUNT.violation(where,
                        "the program header count is absurd", "at most " + Elf.MAX_PROGRAM_HEADER_BYTES / Elf.PHDR_SIZE,
                        Integer.toString(h.programHeaderCount()));
                case PROGRAM_HEADER_ENTRY_SIZE -> RuleId.ELF_HEADER.violation(where,
                        "e_phentsize is not the ELF64 program header size", Integer.toString(Elf.PHDR_SIZE),
                        Integer.toString(h.programHeaderEntrySize()));
                case TABLE_PAST_END_OF_FILE -> RuleId.ELF_TRUNCATED.violation(where,
                        "the program header table ends past the end of the file", "e_phoff + e_phnum * 56 <= "
                                + fileSize, phoff < 0 ? "e_phoff " + Long.toUnsignedString(phoff)
                                : Long.toString(tableEnd));
                default -> RuleId.ELF_HEADER.violation(where, "the program header table is not within the "
                        + "inspected start of the file", "e_phoff + e_phnum * 56 <= " + head.length,
                        Long.toString(tableEnd));
            });
            return new ElfInspection(Optional.of(h), out);
        }
        if (h.interpreter()) {
            out.add(RuleId.ELF_NOT_STATIC.violation(where, "the binary is dynamically linked (it has PT_INTERP)",
                    "no PT_INTERP", "PT_INTERP"));
        }
        checkSegments(h.loadSegments(), h.entry(), fileSize, where, out);
        return new ElfInspection(Optional.of(h), out);
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
            if (Long.compareUnsigned(s.filesz(), s.memsz()) > 0) {
                out.add(RuleId.ELF_SEGMENTS.violation(where, which + " has p_filesz above p_memsz",
                        "p_filesz <= p_memsz", s.filesz() + " > " + s.memsz()));
            }
            if (s.memsz() < 0 || s.vaddr() < 0 || s.vaddr() > Long.MAX_VALUE - s.memsz()) {
                out.add(RuleId.ELF_SEGMENTS.violation(where, which + " wraps around the address space",
                        "p_vaddr + p_memsz below 2^63", Long.toUnsignedString(s.vaddr()) + " + "
                                + Long.toUnsignedString(s.memsz())));
                continue;
            }
            if (s.fileOffset() < 0 || s.filesz() < 0 || s.fileOffset() > fileSize - s.filesz()) {
                out.add(RuleId.ELF_SEGMENTS.violation(where, which + " reads past the end of the file",
                        "p_offset + p_filesz <= " + fileSize, Long.toUnsignedString(s.fileOffset()) + " + "
                                + Long.toUnsignedString(s.filesz())));
            }
            if (s.writable() && s.executable()) {
                out.add(RuleId.ELF_SEGMENT_WX.violation(where, which + " is both writable and executable",
                        "R-X or RW-", s.flagsText()));
            }
            if (s.executable() && entry >= s.vaddr() && entry - s.vaddr() < s.memsz()) {
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

    private static String hex(byte[] b, int n) {
        StringBuilder s = new StringBuilder();
        for (int i = 0; i < Math.min(n, b.length); i++) {
            s.append(i == 0 ? "" : " ").append(String.format("%02x", b[i] & 0xff));
        }
        return s.length() == 0 ? "empty file" : s.toString();
    }
}
