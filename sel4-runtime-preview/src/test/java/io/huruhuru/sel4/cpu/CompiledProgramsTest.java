package io.huruhuru.sel4.cpu;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * gcc-compiled C (freestanding: no libc, system calls by svc; general registers only, FP/SIMD being the simd
 * package's) at -O0 and -O2, run under qemu-aarch64-static and on
 * {@link Cpu}: the standard output and the exit status must be the same, and a write through a null pointer is a
 * VM fault on the model where qemu delivers SIGSEGV. The test serves write and exit itself.
 */
class CompiledProgramsTest {
    private static final String GCC = "aarch64-linux-gnu-gcc";
    private static final String QEMU = "qemu-aarch64-static";
    private static final long STACK_TOP = 0x7FFF_F000L;
    private static final int STACK_PAGES = 256;

    @ParameterizedTest(name = "{0} at {1}")
    @CsvSource({"sieve, -O0", "sieve, -O2", "sort, -O0", "sort, -O2", "strings, -O0", "strings, -O2",
        "arithmetic, -O0", "arithmetic, -O2"})
    void compiledProgramPrintsAndExitsAsUnderQemu(String name, String optimisation) throws Exception {
        Outcome qemu = new Outcome();
        Outcome ours = new Outcome();
        runBoth(name, optimisation, qemu, ours);
        assertTrue(qemu.out.size() > 0, "the program printed under qemu");
        assertEquals(qemu.out.toString(), ours.out.toString(), "standard output");
        assertEquals(qemu.status, ours.status, "exit status");
    }

    @ParameterizedTest(name = "null_write at {0}")
    @CsvSource({"-O0", "-O2"})
    void writeThroughANullPointerIsAVmFaultWhereQemuDeliversSigsegv(String optimisation) throws Exception {
        Outcome qemu = new Outcome();
        Outcome ours = new Outcome();
        runBoth("null_write", optimisation, qemu, ours);
        assertEquals(128 + 11, qemu.status, "qemu: killed by SIGSEGV");
        assertEquals("before\n", qemu.out.toString());
        assertEquals("before\n", ours.out.toString());
        Stop.VmFault fault = assertInstanceOf(Stop.VmFault.class, ours.fault);
        assertEquals(0, fault.address());
        assertEquals(false, fault.instructionFault());
        assertEquals(0x9200_0047L, fault.fsr(), "a write (WnR) translation fault at level 3");
    }

    /** How one run ended: standard output, and an exit status or the Stop that was not an exit. */
    private static final class Outcome {
        final ByteArrayOutputStream out = new ByteArrayOutputStream();
        int status = -1;
        Stop fault;
    }

    private void runBoth(String name, String optimisation, Outcome qemu, Outcome ours) throws Exception {
        assumeTrue(Assembler.onPath(GCC) && Assembler.onPath(QEMU),
                "needs " + GCC + " and " + QEMU + " (gcc-aarch64-linux-gnu, qemu-user-static)");
        Path dir = Files.createTempDirectory("a64-c-");
        try {
            for (String file : List.of("freestanding.h", name + ".c")) {
                try (InputStream in = getClass().getResourceAsStream("programs/" + file)) {
                    Files.write(dir.resolve(file), in.readAllBytes());
                }
            }
            Assembler.exec(dir, List.of(GCC, optimisation, "-mgeneral-regs-only", "-ffreestanding", "-fno-builtin",
                    "-fno-stack-protector", "-fno-tree-loop-distribute-patterns", "-nostdlib", "-static", "-no-pie",
                    "-o", name, name + ".c", "-lgcc"));
            Process process = new ProcessBuilder(QEMU, name).directory(dir.toFile())
                    .redirectError(ProcessBuilder.Redirect.DISCARD).start();
            qemu.out.write(process.getInputStream().readAllBytes());
            qemu.status = process.waitFor();
            run(Files.readAllBytes(dir.resolve(name)), ours);
        } finally {
            try (var files = Files.walk(dir)) {
                files.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            }
        }
    }

    /** Loads the PT_LOAD segments with their rights, runs from e_entry, serves write(1) and exit. */
    private static void run(byte[] elf, Outcome outcome) throws IOException {
        ByteArrayOutputStream out = outcome.out;
        TestMemory memory = new TestMemory();
        ByteBuffer header = ByteBuffer.wrap(elf).order(ByteOrder.LITTLE_ENDIAN);
        long entry = header.getLong(0x18);
        long phoff = header.getLong(0x20);
        int phentsize = header.getShort(0x36) & 0xFFFF;
        int phnum = header.getShort(0x38) & 0xFFFF;
        List<long[]> segments = new ArrayList<>();
        for (int i = 0; i < phnum; i++) {
            int at = (int) (phoff + (long) i * phentsize);
            if (header.getInt(at) != 1) {
                continue; // PT_LOAD only
            }
            int flags = header.getInt(at + 4);
            long offset = header.getLong(at + 8);
            long vaddr = header.getLong(at + 16);
            long filesz = header.getLong(at + 32);
            long memsz = header.getLong(at + 40);
            long first = vaddr & ~0xFFFL;
            int pages = (int) ((vaddr + memsz - first + 0xFFF) >>> 12);
            memory.map(first, pages, (flags & 4) != 0, (flags & 2) != 0, (flags & 1) != 0);
            if (filesz > 0) {
                byte[] content = new byte[(int) filesz];
                System.arraycopy(elf, (int) offset, content, 0, (int) filesz);
                memory.write(vaddr, content);
            }
            segments.add(new long[] {vaddr, memsz});
        }
        memory.map(STACK_TOP - STACK_PAGES * 4096L, STACK_PAGES, true, true, false);
        Cpu cpu = new Cpu(memory);
        cpu.pc = entry;
        cpu.sp = STACK_TOP - 64;
        while (true) {
            Stop stop = cpu.run(500_000_000L);
            if (!(stop instanceof Stop.SupervisorCall)) {
                outcome.fault = stop;
                return;
            }
            long number = cpu.x[8];
            if (number == 64) {
                for (long i = 0; i < cpu.x[2]; i++) {
                    out.write((int) memory.readLong(cpu.x[1] + i, 1));
                }
                cpu.x[0] = cpu.x[2];
            } else if (number == 93 || number == 94) {
                outcome.status = (int) (cpu.x[0] & 0xFF);
                return;
            } else {
                fail("unexpected system call " + number);
            }
        }
    }
}
