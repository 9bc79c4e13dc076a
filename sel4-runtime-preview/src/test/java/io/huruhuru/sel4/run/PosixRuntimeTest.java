package io.huruhuru.sel4.run;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.huruhuru.sel4.Sel4Preview;
import io.huruhuru.sel4.app.ApplicationDescription;
import io.huruhuru.sel4.boot.PlatformCatalog;
import io.huruhuru.sel4.report.BootReport;
import io.huruhuru.sel4.report.RunReport;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The POSIX runtime and the start-up, probed by a freestanding program (corpus/runtime_probe.c: no libc, raw
 * system calls, integer instructions only) booted and run on the model.
 */
class PosixRuntimeTest {

    @TempDir
    static Path rootfs;

    static Sel4Preview.RunnableApplication probe;

    @BeforeAll
    static void imageRoot() throws Exception {
        Files.writeString(rootfs.resolve("foo.txt"), "first line\nsecond line\n");
        Files.createDirectories(rootfs.resolve("etc"));
        Files.createSymbolicLink(rootfs.resolve("link"), Path.of("etc"));
        Files.createSymbolicLink(rootfs.resolve("loop"), Path.of("loop"));
        Files.createSymbolicLink(rootfs.resolve("up"), Path.of("../../.."));
        Files.writeString(rootfs.resolve("Aa"), "a");
        Files.writeString(rootfs.resolve("BB"), "b");
        Files.setLastModifiedTime(rootfs.resolve("Aa"), java.nio.file.attribute.FileTime.fromMillis(1_234_567_000L));
    }

    @BeforeEach
    void buildProbe() throws Exception {
        NativeCorpus.requireTools(NativeCorpus.CC);
        if (probe == null) {
            Path elf = NativeCorpus.buildFreestanding("runtime_probe");
            probe = new Sel4Preview.RunnableApplication(ApplicationDescription.withDefaults("probe",
                    Sel4Preview.readElf(elf)), Sel4Preview.readProgram(elf));
        }
    }

    private static RunReport run(int heapPages, long budget, String... args) {
        return runReport(heapPages, budget, args).run();
    }

    private static BootReport runReport(int heapPages, long budget, String... args) {
        ApplicationDescription d = probe.description();
        ApplicationDescription app = new ApplicationDescription("probe", d.elf(), heapPages, 0, 0, 100, 100, 4,
                List.of(), List.of(args), List.of("HOME=/", "LANG=C"));
        return Sel4Preview.bootAndRun(PlatformCatalog.find("qemu-arm-virt").orElseThrow(),
                new Sel4Preview.RunnableApplication(app, probe.program()), new DirectoryRootFilesystem(rootfs), budget);
    }

    @Test
    void theInitialStackHoldsArgumentsEnvironmentAndTheAuxiliaryVector() {
        RunReport r = run(16, 1_000_000, "/probe", "args", "x");
        // Exit status: argc's address modulo 16, which the ABI wants 0.
        assertEquals(RunReport.EXITED, r.result(), r.toString());
        assertEquals(0, r.exitStatus());
        assertEquals("/probe|args|x|HOME=/|LANG=C|phdr[0].p_type=1 4=56 5=7 6=4096 entry=_start 16=33027 26=0 23=0 "
                + "execfn=/probe \n", r.console());
    }

    @Test
    void writesToOneAndTwoReachTheConsoleAndOtherDescriptorsAreEbadf() {
        RunReport r = run(16, 1_000_000, "/probe", "write");
        assertEquals("to stdout\nto stderr\n-9\n", r.console());
        assertEquals(5L, r.systemCalls().get("write"));
        assertEquals(1L, r.systemCalls().get("exit_group"));
        assertEquals(0, r.exitStatus());
    }

    @Test
    void brkGrowsInsideTheHeapAndRefusesToPassHeapPages() {
        RunReport r = run(16, 1_000_000, "/probe", "brk");
        assertEquals("12288 1\n", r.console());
        assertEquals(new RunReport.HeapUse(16, 3), r.heap());
    }

    @Test
    void anonymousMappingsComeFromTheHeapFramesUntilEnomem() {
        RunReport r = run(16, 1_000_000, "/probe", "mmap");
        assertEquals("-12 after 8 mappings\n", r.console());
        assertEquals(new RunReport.HeapUse(16, 16), r.heap());
    }

    @Test
    void theRootFilesystemIsReadOnlyAndLinksResolveInsideIt() {
        RunReport r = run(16, 1_000_000, "/probe", "files");
        // EROFS for writing and for creating, ENOENT for a missing file, then 5 bytes read and the size by lseek.
        assertEquals("-30 -30 -2 first 23\n", r.console());
    }

    @Test
    void hostileArgumentsGetErrorsAndTheRunGoesOn() {
        RunReport r = run(16, 1_000_000, "/probe", "hostile");
        // EFAULT, end of file, EFAULT, ENOTDIR, EBADF, EINVAL, ENOMEM, ENOMEM, EINVAL, EFAULT, ELOOP, and the
        // climb out of the root stops at the root: /foo.txt opens as descriptor 3.
        assertEquals("-14 0 -14 -20 -9 -22 -12 -12 -22 -14 -40 3 \n", r.console());
        assertEquals(0, r.exitStatus());
    }

    @Test
    void anUnknownCallIsEnosysAndListed() {
        RunReport r = run(16, 1_000_000, "/probe", "unknown");
        assertEquals("-38\n", r.console());
        assertEquals(List.of("syscall_1234"), r.unsupportedCalls());
    }

    @Test
    void cloneIsRefusedAndEndsTheRun() {
        RunReport r = run(16, 1_000_000, "/probe", "clone");
        assertEquals(RunReport.REFUSED, r.result());
        assertTrue(r.detail().startsWith("clone"), r.detail());
    }

    @Test
    void aLoopEndsWhenTheBudgetIsSpent() {
        RunReport r = run(16, 50_000, "/probe", "spin");
        assertEquals(RunReport.BUDGET_EXHAUSTED, r.result());
        assertEquals(50_000, r.instructions());
        assertEquals(50_000, r.budget());
    }

    @Test
    void aStoreIntoTheProgramsCodeIsADataVmFaultAtThatAddress() {
        RunReport r = run(16, 1_000_000, "/probe", "code");
        assertEquals(RunReport.FAULTED, r.result());
        assertEquals("vmFault", r.fault().kind());
        assertEquals("data", r.fault().access());
        long address = Long.decode(r.fault().address());
        // The text segment is the first page(s) from the PIE base 0x400000; the faulting ip is there too.
        assertTrue(address >= 0x400000L && address < 0x400000L + textBytes(), r.fault().toString());
        assertTrue(r.fault().instruction() != null);
    }

    @Test
    void callsTheReviewFoundWrongAnswerAsLinuxDoes() {
        // given the review's cases (findings 4, 5 and 8), in the probe's order
        RunReport r = run(16, 1_000_000, "/probe", "review");
        // then: O_CREAT opens an existing file, O_CREAT|O_EXCL is EEXIST, creating is EROFS; a path into an
        // unmapped page is EFAULT (not ENAMETOOLONG); writev that faults after 2 bytes returns 2; FUTEX_WAIT with
        // a timeout is ETIMEDOUT; mprotect wrapping around is ENOMEM; ioctl on a closed descriptor is EBADF;
        // getdents64 into an unmapped buffer is EFAULT and does not move the position, so the next call, whose
        // count has upper bits an unsigned int drops, starts again at "."
        assertTrue(r.console().startsWith("ab1 -17 -30 -14 2 -110 -12 -9 -14 "), r.console());
        assertTrue(r.console().endsWith(" .\n"), r.console());
        assertEquals(0, r.exitStatus());
    }

    @Test
    void readingAnAnonymousMappingAfterMunmapIsADataVmFaultThere() {
        // given a program that maps two pages, writes the first, unmaps it and reads it again (finding 2)
        RunReport r = run(16, 1_000_000, "/probe", "munmap");
        // then the read faults at the address mmap returned, as Linux delivers SIGSEGV
        assertEquals(RunReport.FAULTED, r.result(), r.toString());
        assertEquals("data", r.fault().access());
        assertEquals(Long.parseLong(r.console().strip()), Long.decode(r.fault().address()));
    }

    @Test
    void readingAboveALoweredBreakIsADataVmFaultThere() {
        RunReport r = run(16, 1_000_000, "/probe", "brkshrink");
        assertEquals(RunReport.FAULTED, r.result(), r.toString());
        assertEquals(Long.parseLong(r.console().strip()), Long.decode(r.fault().address()));
    }

    @Test
    void pathsWhoseHashesCollideGetDistinctInodesAndTimesAreNotTheHosts() {
        // given /Aa and /BB (equal 31-multiplier hashes) and a host mtime of 1234567 s on /Aa (finding 11)
        RunReport r = run(16, 1_000_000, "/probe", "inodes");
        // then their inode numbers differ and st_mtime is the fixed 2024-01-01, not the host's
        assertEquals("0 1704067200\n", r.console());
    }

    @Test
    void aFaultReportsTheLevelOfTheFirstMissingTable() {
        // given qemu-arm-virt's three-level stage-2 VSpace, where a level-2 table covers 0..1 GiB but no level-3
        // table covers 0..2 MiB (finding 3)
        RunReport r = run(16, 1_000_000, "/probe", "low");
        // then a read at 0x1000 is a translation fault at level 2: DFSC 0b000110
        assertEquals("0x1000", r.fault().address());
        assertEquals("0x92000006", r.fault().fsr());
    }

    @Test
    void aReadBeyondTheFortyBitAddressSpaceIsAnAddressSizeFault() {
        RunReport r = run(16, 1_000_000, "/probe", "beyond");
        // then DFSC 0b000000: an address size fault at level 0, the IPA being above the 40-bit range
        assertEquals("0x10000000000", r.fault().address());
        assertEquals("0x92000000", r.fault().fsr());
    }

    @Test
    void unknownCallNumbersShareOneBucketAfterSixtyFourNames() {
        // given a loop over 200 unknown system call numbers (finding 7)
        RunReport r = run(16, 1_000_000, "/probe", "manyunknown");
        // then the report lists at most 64 names, the last "other" with the rest of the calls
        assertEquals(64, r.unsupportedCalls().size());
        assertTrue(r.unsupportedCalls().contains("other"), r.unsupportedCalls().toString());
        assertEquals(1L, r.systemCalls().get("exit_group"));
        assertEquals(200L, r.systemCalls().entrySet().stream().filter(e -> e.getKey().startsWith("syscall_")
                || e.getKey().equals("other")).mapToLong(java.util.Map.Entry::getValue).sum());
    }

    /** The size of the probe's first (text) segment. */
    private static long textBytes() {
        return probe.description().elf().segments().get(0).memsz();
    }

    @Test
    void theSameRunGivesTheSameReportByteForByte() {
        String first = Sel4Preview.toJson(runReport(16, 1_000_000, "/probe", "files"));
        String second = Sel4Preview.toJson(runReport(16, 1_000_000, "/probe", "files"));
        assertEquals(first, second);
        assertTrue(first.contains("\"run\" : {"), first);
        assertTrue(first.contains("CopySegments"), first);
    }
}
