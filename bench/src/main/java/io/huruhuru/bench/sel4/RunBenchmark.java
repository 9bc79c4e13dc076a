package io.huruhuru.bench.sel4;

import io.huruhuru.sel4.Sel4Preview;
import io.huruhuru.sel4.boot.Platform;
import io.huruhuru.sel4.report.BootReport;
import io.huruhuru.sel4.run.ApplicationRun;
import io.huruhuru.sel4.run.RootFilesystem;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;

/**
 * Booting and running a glibc hello (a static AArch64 PIE printing its arguments and one environment variable)
 * on qemu-arm-virt: kernel boot, root server boot, segment copy, start-up and every instruction to exit_group.
 * The target is 50 ms per boot and run. The setup builds the PIE with aarch64-linux-gnu-gcc (on PATH).
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
public class RunBenchmark {

    private Path dir;
    private Platform platform;
    private Sel4Preview.RunnableApplication hello;

    @Setup
    public void buildHello() throws Exception {
        dir = Files.createTempDirectory("sel4-run-bench");
        Path source = dir.resolve("hello.c");
        Files.writeString(source, "#include <stdio.h>\n#include <stdlib.h>\n"
                + "int main(int argc, char **argv) { printf(\"hello %s %s %s\\n\", argv[1], argv[2], getenv(\"HELLO\"));"
                + " return 0; }\n");
        Process p = new ProcessBuilder("aarch64-linux-gnu-gcc", "-static-pie", "-O2", "-o",
                dir.resolve("hello.elf").toString(), source.toString()).inheritIO().start();
        if (p.waitFor() != 0) {
            throw new IllegalStateException("aarch64-linux-gnu-gcc failed to build the hello PIE");
        }
        Files.writeString(dir.resolve("hello.json"), "{\"name\": \"hello\", \"elf\": \"hello.elf\", \"heapPages\": 2560,"
                + " \"utLargePages\": 4, \"ut4kPages\": 24, \"priority\": 180, \"maxPriority\": 190, \"stackPages\": 4,"
                + " \"args\": [\"/hello\", \"hello_world\", \"test\"], \"env\": [\"HELLO=WORLD\"]}");
        hello = Sel4Preview.readRunnable(dir.resolve("hello.json"));
        platform = Sel4Preview.platform("qemu-arm-virt");
        BootReport r = bootAndRunHello();
        if (r.run().exitStatus() == null || r.run().exitStatus() != 0) {
            throw new IllegalStateException("hello does not run to a clean exit: " + r.run());
        }
    }

    @TearDown
    public void removeFiles() throws Exception {
        try (Stream<Path> files = Files.walk(dir)) {
            files.sorted(Comparator.reverseOrder()).forEach(f -> f.toFile().delete());
        }
    }

    /** Boot, segment copy, start-up stack, and the run of about 20,000 instructions and 12 system calls. */
    @Benchmark
    public BootReport bootAndRunHello() {
        return Sel4Preview.bootAndRun(platform, hello, RootFilesystem.EMPTY, ApplicationRun.DEFAULT_BUDGET);
    }
}
