package io.huruhuru.validation.elf;

import static io.huruhuru.validation.fixture.Expect.exactly;
import static io.huruhuru.validation.fixture.Expect.v;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.huruhuru.sel4.app.Elf;
import io.huruhuru.sel4.app.ElfHeaders;
import io.huruhuru.validation.RuleId;
import io.huruhuru.validation.fixture.ElfBuilder;
import io.huruhuru.validation.fixture.ElfBuilder.Phdr;
import java.util.OptionalInt;
import org.junit.jupiter.api.Test;

class ElfInspectorTest {

    private static final String BIN = "/bin/hello";
    private static final OptionalInt AARCH64 = OptionalInt.of(Elf.EM_AARCH64);

    private static ElfInspection inspect(byte[] elf) {
        return ElfInspector.inspect(elf, elf.length, BIN, AARCH64);
    }

    private static ElfInspection inspect(ElfBuilder builder) {
        return inspect(builder.build());
    }

    @Test
    void staticPieForTheRightMachinePasses() {
        ElfInspection inspection = inspect(ElfBuilder.staticPie());

        exactly(inspection.violations());
        ElfHeaders summary = inspection.summary().orElseThrow();
        assertEquals(Elf.ET_DYN, summary.type());
        assertFalse(summary.interpreter());
        assertEquals(0x12000, summary.loadSegments().get(1).vaddr());
        assertEquals("RW-", summary.loadSegments().get(1).flagsText());
    }

    @Test
    void notAnElfFile() {
        exactly(inspect("#!/bin/sh\n".getBytes()).violations(),
                v(RuleId.ELF_NOT_ELF, BIN, "ELF magic 7f 45 4c 46", "23 21 2f 62"));
    }

    @Test
    void truncatedElfHeader() {
        exactly(inspect(ElfBuilder.staticPie().truncated(40)).violations(),
                v(RuleId.ELF_TRUNCATED, BIN, "64 bytes", "40 bytes"));
    }

    @Test
    void thirtyTwoBitElf() {
        exactly(inspect(ElfBuilder.staticPie().elfClass(1)).violations(),
                v(RuleId.ELF_CLASS, BIN, "ELFCLASS64", "ELFCLASS32"));
    }

    @Test
    void bigEndianElf() {
        exactly(inspect(ElfBuilder.staticPie().bigEndian()).violations(),
                v(RuleId.ELF_HEADER, BIN, "ELFDATA2LSB", "ELFDATA2MSB"));
    }

    @Test
    void machineOfAnotherArchitecture() {
        exactly(inspect(ElfBuilder.staticPie().machine(ElfBuilder.EM_X86_64)).violations(),
                v(RuleId.ELF_MACHINE, BIN, "EM_AARCH64", "EM_X86_64"));
    }

    @Test
    void fixedAddressExecutableIsNotPie() {
        exactly(inspect(ElfBuilder.staticPie().type(Elf.ET_EXEC)).violations(),
                v(RuleId.ELF_NOT_PIE, BIN, "ET_DYN", "ET_EXEC"));
    }

    @Test
    void interpreterMeansNotStatic() {
        exactly(inspect(ElfBuilder.staticPie().add(new Phdr(ElfBuilder.PT_INTERP, 4, 0x300, 0x300, 20, 20, 1)))
                .violations(), v(RuleId.ELF_NOT_STATIC, BIN, "no PT_INTERP", "PT_INTERP"));
    }

    @Test
    void writableAndExecutableSegmentIsAWarning() {
        ElfInspection inspection = inspect(ElfBuilder.staticPie().segments(
                new Phdr(ElfBuilder.PT_LOAD, 7, 0, 0, 0x2000, 0x2000, 0x1000)));

        exactly(inspection.violations(), v(RuleId.ELF_SEGMENT_WX, BIN, "R-X or RW-", "RWX"));
        assertTrue(inspection.summary().isPresent());
    }

    @Test
    void pnXnumProgramHeaderCountIsAbsurd() {
        exactly(inspect(ElfBuilder.staticPie().phnum(0xffff)).violations(),
                v(RuleId.ELF_PHDR_COUNT, BIN, "at most 1170", "65535"));
    }

    @Test
    void programHeaderTableAbove64KibIsAbsurd() {
        exactly(inspect(ElfBuilder.staticPie().phnum(2000)).violations(),
                v(RuleId.ELF_PHDR_COUNT, BIN, "at most 1170", "2000"));
    }

    @Test
    void programHeaderTablePastTheEndOfTheFile() {
        byte[] elf = ElfBuilder.staticPie().phnum(40).fileSize(176).build();

        exactly(ElfInspector.inspect(elf, elf.length, BIN, AARCH64).violations(),
                v(RuleId.ELF_TRUNCATED, BIN, "e_phoff + e_phnum * 56 <= 176", "2304"));
    }

    @Test
    void hugeProgramHeaderOffsetDoesNotOverflow() {
        exactly(inspect(ElfBuilder.staticPie().phoff(-8)).violations(),
                v(RuleId.ELF_TRUNCATED, BIN, "e_phoff + e_phnum * 56 <= 12288", "e_phoff 18446744073709551608"));
    }

    @Test
    void wrongProgramHeaderEntrySize() {
        exactly(inspect(ElfBuilder.staticPie().phentsize(32)).violations(),
                v(RuleId.ELF_HEADER, BIN, "56", "32"));
    }

    @Test
    void noLoadSegment() {
        exactly(inspect(ElfBuilder.staticPie().segments()).violations(),
                v(RuleId.ELF_SEGMENTS, BIN, "at least one PT_LOAD", "none"));
    }

    @Test
    void segmentWithFileSizeAboveMemorySize() {
        exactly(inspect(ElfBuilder.staticPie().entry(0x800)
                .segments(new Phdr(ElfBuilder.PT_LOAD, 5, 0, 0, 0x2000, 0x1000, 0x1000)))
                .violations(), v(RuleId.ELF_SEGMENTS, BIN, "p_filesz <= p_memsz", "8192 > 4096"));
    }

    @Test
    void segmentThatWrapsAroundTheAddressSpace() {
        exactly(inspect(ElfBuilder.staticPie().segments(new Phdr(ElfBuilder.PT_LOAD, 5, 0, 0, 0x1000, 0x2000, 0x1000),
                new Phdr(ElfBuilder.PT_LOAD, 6, 0, -4096, 0, 0x2000, 0x1000))).violations(),
                v(RuleId.ELF_SEGMENTS, BIN, "p_vaddr + p_memsz below 2^63", "18446744073709547520 + 8192"));
    }

    @Test
    void entryPointOutsideExecutableSegments() {
        exactly(inspect(ElfBuilder.staticPie().entry(0x12000)).violations(),
                v(RuleId.ELF_SEGMENTS, BIN, "an address in an executable PT_LOAD", "0x12000"));
    }

    @Test
    void segmentReadingPastTheEndOfTheFile() {
        exactly(inspect(ElfBuilder.staticPie().fileSize(0x2800)).violations(),
                v(RuleId.ELF_SEGMENTS, BIN, "p_offset + p_filesz <= 10240", "8192 + 4096"));
    }
}
