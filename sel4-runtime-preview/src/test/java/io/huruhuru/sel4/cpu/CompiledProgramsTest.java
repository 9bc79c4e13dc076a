package io.huruhuru.sel4.cpu;

import static org.junit.jupiter.api.Assertions.assertEquals;
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
 * {@link Cpu}: the standard output and the exit status must be the same. The test serves write and exit itself.
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
        assumeTrue(Assembler.onPath(GCC) && Assembler.onPath(QEMU),
                "needs " + GCC + " and " + QEMU + " (gcc-aarch64-linux-gnu, qemu-user-static)");
        Path dir = Files.createTempDirectory("a64-c-");
        try {
            for (String file : List.of("freestanding.h", name + ".c")) {
                try (InputStream in = getClass().getResourceAsStream("programs/" + file)) {
                    Files.write(dir.resolve(file), in.readAllBytes());
                }
            }
            Assembler.exec(dir, List.of(GCC, optimisation, "-mgeneral-regs-only", "-ffreestanding", "-fno-builtin", "-fno-stack-protector",
                    "-fno-tree-loop-distribute-patterns", "-nostdlib", "-static", "-no-pie", "-o", name, name + ".c",
                    "-lgcc"));
            byte[] elf = Files.readAllBytes(dir.resolve(name));

            Process qemu = new ProcessBuilder(QEMU, name).directory(dir.toFile())
                    .redirectError(ProcessBuilder.Redirect.DISCARD).start();
            byte[] qemuOut = qemu.getInputStream().readAllBytes();
            int qemuStatus = qemu.waitFor();
            assertTrue(qemuOut.length > 0, "the program printed under qemu");

            ByteArrayOutputStream out = new ByteArrayOutputStream();
            int status = run(elf, out);
            assertEquals(new String(qemuOut), out.toString(), "standard output");
            assertEquals(qemuStatus, status, "exit status");
        } finally {
            try (var files = Files.walk(dir)) {
                files.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            }
        }
    }

    /** Loads the PT_LOAD segments with their rights, runs from e_entry, serves write(1) and exit; the exit status. */
    private static int run(byte[] elf, ByteArrayOutputStream out) throws IOException {
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
                fail("the program stopped with " + stop);
            }
            long number = cpu.x[8];
            if (number == 64) {
                for (long i = 0; i < cpu.x[2]; i++) {
                    out.write((int) memory.readLong(cpu.x[1] + i, 1));
                }
                cpu.x[0] = cpu.x[2];
            } else if (number == 93 || number == 94) {
                return (int) (cpu.x[0] & 0xFF);
            } else {
                fail("unexpected system call " + number);
            }
        }
    }
}
