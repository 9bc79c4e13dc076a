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
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every corpus program at -O0 and -O2, run under qemu-aarch64-static and on the model: the same stdout and
 * exit status, or, for a program qemu kills with SIGSEGV, a VM fault on a data access at the address the
 * program printed before it stored there. Prints the table of results.
 */
class CorpusAgainstQemuTest {

    /** One program's run: arguments (argv[0] first) and environment, heap and stack pages on the model. */
    record Case(String libc, String program, int level, List<String> modelArgs, List<String> qemuArgs,
                Map<String, String> env, int heapPages, List<String> qemuOptions) {
        @Override
        public String toString() {
            return program + " -O" + level + " " + libc;
        }
    }

    private static final String GLIBC = "glibc";
    private static final String MUSL = "musl";
    private static final int STACK_PAGES = 256;
    private static final List<String> TABLE = new ArrayList<>();

    @TempDir
    static Path rootfs;

    @BeforeAll
    static void imageRoot() throws Exception {
        Files.writeString(rootfs.resolve("foo.txt"), "first line\nsecond line\n");
        Files.createDirectories(rootfs.resolve("etc"));
    }

    static List<Case> cases() {
        List<Case> cases = new ArrayList<>();
        for (String libc : List.of(GLIBC, MUSL)) {
            cases.addAll(cases(libc));
        }
        return cases;
    }

    private static List<Case> cases(String libc) {
        List<Case> cases = new ArrayList<>();
        for (int level : new int[] {0, 2}) {
            cases.add(new Case(libc, "hello", level, List.of("/hello", "hello_world", "test"),
                    List.of("hello_world", "test"), Map.of("GREETING", "from seL4"), 256, List.of()));
            for (String plain : List.of("printf", "qsort", "malloc_churn", "strings", "recursion")) {
                cases.add(new Case(libc, plain, level, List.of("/" + plain), List.of(), Map.of(), 256, List.of()));
            }
            cases.add(new Case(libc, "readfile", level, List.of("/readfile", "/foo.txt", "/"), null, Map.of(), 256,
                    List.of()));
            cases.add(new Case(libc, "null_write", level, List.of("/null_write"), List.of(), Map.of(), 256,
                    List.of()));
            cases.add(new Case(libc, "read_after_munmap", level, List.of("/read_after_munmap"), List.of(), Map.of(),
                    256, List.of()));
            // qemu's -R reserves 128 MiB of guest address space, so malloc runs out there too, with room left
            // for a small block. musl grows the break by exactly 1 MiB per block, so on a heap of a whole number
            // of MiB the break meets the top and nothing is left; one more page keeps that room.
            cases.add(new Case(libc, "out_of_heap", level, List.of("/out_of_heap"), List.of(), Map.of(),
                    libc.equals(MUSL) ? 1025 : 1024, List.of("-R", "0x8000000")));
        }
        return cases;
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void aCorpusProgramBehavesOnTheModelAsUnderQemu(Case c) throws Exception {
        NativeCorpus.requireTools(NativeCorpus.CC, NativeCorpus.QEMU);
        Path elf = c.libc().equals(MUSL) ? NativeCorpus.buildMusl(c.program(), c.level(), NativeCorpus.requireMusl())
                : NativeCorpus.build(c.program(), c.level());
        List<String> qemuArgs = c.qemuArgs() != null ? c.qemuArgs()
                : List.of(rootfs.resolve("foo.txt").toString(), rootfs.toString());
        NativeCorpus.Result qemu = NativeCorpus.qemu(elf, c.qemuOptions(), qemuArgs, c.env());

        List<String> env = c.env().entrySet().stream().map(e -> e.getKey() + "=" + e.getValue()).toList();
        ApplicationDescription app = new ApplicationDescription(c.program().replace('_', '-'),
                Sel4Preview.readElf(elf), c.heapPages(), 0, 0, 100, 100, STACK_PAGES, List.of(), c.modelArgs(), env);
        BootReport report = Sel4Preview.bootAndRun(PlatformCatalog.find("qemu-arm-virt").orElseThrow(),
                new Sel4Preview.RunnableApplication(app, Sel4Preview.readProgram(elf)), new DirectoryRootFilesystem(rootfs),
                ApplicationRun.DEFAULT_BUDGET);
        RunReport run = report.run();
        String model = run.result() + (run.exitStatus() != null ? " " + run.exitStatus() : "")
                + (run.fault() != null ? " " + run.fault().kind() + " at " + run.fault().address() + " (ip "
                + run.fault().ip() + ", " + run.fault().instruction() + ")" : "")
                + (run.detail() != null ? " " + run.detail() : "");
        TABLE.add(String.format("%-17s -O%d  %-5s  qemu: %-22s model: %-50s %,12d instructions", c.program(),
                c.level(), c.libc(), qemu.status() == 139 ? "SIGSEGV" : "exit " + qemu.status(), model,
                run.instructions()));

        // A mapping's address is the kernel's choice, so where a program prints one only the words are compared.
        assertEquals(withoutMappingAddress(c, qemu.stdout()), withoutMappingAddress(c, run.console()),
                () -> "console of " + c + ": " + model);
        if (qemu.status() == 139) {
            assertEquals(RunReport.FAULTED, run.result(), model);
            assertEquals("vmFault", run.fault().kind());
            assertEquals("data", run.fault().access());
            Matcher m = FAULT_ADDRESS.matcher(run.console());
            assertTrue(m.find(), run.console());
            // %p of a null pointer: glibc prints "(nil)", musl "0".
            String printed = m.group(1).equals("(nil)") || m.group(1).equals("0") ? "0x0" : m.group(1);
            assertEquals(printed, run.fault().address());
            // A store to 0 finds no level-3 table for the first 2 MiB: a level-2 translation fault with WnR.
            if (c.program().equals("null_write")) {
                assertEquals("0x92000046", run.fault().fsr());
                assertEquals("str (32-bit, unsigned offset)", run.fault().mnemonic());
            }
            assertTrue(qemu.stderr().contains("signal 11"), qemu.stderr());
        } else {
            assertEquals(RunReport.EXITED, run.result(), model);
            assertEquals(qemu.status(), run.exitStatus());
        }
    }

    private static final Pattern FAULT_ADDRESS = Pattern.compile("(?:writing to|reading from) (\\S+)");

    private static String withoutMappingAddress(Case c, String console) {
        return c.program().equals("read_after_munmap") ? console.replaceAll("reading from \\S+", "reading from ADDRESS")
                : console;
    }

    @AfterAll
    static void printTable() {
        System.out.println("program           level  libc   qemu-aarch64-static           the model");
        TABLE.forEach(System.out::println);
    }
}
