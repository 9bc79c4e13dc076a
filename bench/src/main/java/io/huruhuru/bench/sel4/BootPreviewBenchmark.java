package io.huruhuru.bench.sel4;

import io.huruhuru.sel4.Sel4Preview;
import io.huruhuru.sel4.app.ApplicationDescription;
import io.huruhuru.sel4.boot.Platform;
import io.huruhuru.sel4.report.BootReport;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
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
 * Booting the koskit talk's hello application (a real static AArch64 PIE, heap 2560 pages, 4 + 24
 * untypeds, priority 180 / 190, one protocol) on qemu-arm-virt; the target is under 20 ms per boot.
 * The setup builds the PIE with aarch64-linux-gnu-gcc, which must be on PATH.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
public class BootPreviewBenchmark {

    private Path dir;
    private Platform platform;
    private List<ApplicationDescription> apps;

    @Setup
    public void buildHello() throws Exception {
        dir = Files.createTempDirectory("sel4-bench");
        Path source = dir.resolve("hello.c");
        Files.writeString(source, "#include <stdio.h>\n#include <stdlib.h>\n"
                + "int main(void) { printf(\"hello %s\\n\", getenv(\"HELLO\")); return 0; }\n");
        Process p = new ProcessBuilder("aarch64-linux-gnu-gcc", "-static-pie", "-O2", "-o",
                dir.resolve("hello.elf").toString(), source.toString()).inheritIO().start();
        if (p.waitFor() != 0) {
            throw new IllegalStateException("aarch64-linux-gnu-gcc failed to build the hello PIE");
        }
        Files.writeString(dir.resolve("hello.json"), "{\"name\": \"hello\", \"elf\": \"hello.elf\", \"heapPages\": 2560,"
                + " \"utLargePages\": 4, \"ut4kPages\": 24, \"priority\": 180, \"maxPriority\": 190, \"stackPages\": 4,"
                + " \"publishes\": [\"hello_protocol\"], \"args\": [\"/hello\", \"hello_world\", \"test\"],"
                + " \"env\": [\"HELLO=WORLD\"]}");
        apps = List.of(Sel4Preview.readApplication(dir.resolve("hello.json")));
        platform = Sel4Preview.platform("qemu-arm-virt");
        if (!Sel4Preview.boot(platform, apps).booted()) {
            throw new IllegalStateException("hello does not boot; nothing to measure");
        }
    }

    @TearDown
    public void removeFiles() throws Exception {
        try (Stream<Path> files = Files.walk(dir)) {
            files.sorted(Comparator.reverseOrder()).forEach(f -> f.toFile().delete());
        }
    }

    /** Kernel boot emulation, root server boot of hello, and the report tree. */
    @Benchmark
    public BootReport bootHello() {
        return Sel4Preview.boot(platform, apps);
    }

    /** The same, serialised to JSON as the command line prints it. */
    @Benchmark
    public String bootHelloToJson() {
        return Sel4Preview.toJson(Sel4Preview.boot(platform, apps));
    }
}
