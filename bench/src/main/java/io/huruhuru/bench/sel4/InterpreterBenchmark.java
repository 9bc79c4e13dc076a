package io.huruhuru.bench.sel4;

import io.huruhuru.sel4.cpu.AddressSpace;
import io.huruhuru.sel4.cpu.Cpu;
import io.huruhuru.sel4.cpu.Page;
import io.huruhuru.sel4.cpu.Stop;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/**
 * The A64 interpreter on a compute-bound loop with a load and a store per six instructions (below, as
 * aarch64-linux-gnu-as encodes it). The score is instructions per second: each operation is one of
 * {@link #BUDGET} instructions, and every run ends with exactly that many retired. Goal: 100 million per second.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Fork(value = 1, jvmArgsAppend = {"-Xms256m", "-Xmx256m"})
public class InterpreterBenchmark {
    static final int BUDGET = 10_000_000;
    private static final long CODE = 0x40_0000L;
    private static final long DATA = 0x1000_0000L;
    private static final int[] LOOP = {
        0xd2a20000, //        mov  x0, #0x10000000
        0xaa0003e4, // outer: mov  x4, x0
        0xd2804006, //        mov  x6, #512
        0xf9400083, // inner: ldr  x3, [x4]
        0x8b030042, //        add  x2, x2, x3
        0xca421c45, //        eor  x5, x2, x2, lsr #7
        0xf8008485, //        str  x5, [x4], #8
        0xf10004c6, //        subs x6, x6, #1
        0x54ffff61, //        b.ne inner
        0x910004e7, //        add  x7, x7, #1
        0x17fffff7, //        b    outer
    };

    private Cpu cpu;

    @Setup
    public void load() {
        Map<Long, Page> pages = new HashMap<>();
        Page code = new Page(new byte[4096], 0, true, false, true);
        for (int i = 0; i < LOOP.length; i++) {
            for (int b = 0; b < 4; b++) {
                code.frame()[4 * i + b] = (byte) (LOOP[i] >>> (8 * b));
            }
        }
        pages.put(CODE >>> 12, code);
        pages.put(DATA >>> 12, new Page(new byte[4096], 0, true, true, false));
        AddressSpace memory = vaddr -> pages.get(vaddr >>> 12);
        cpu = new Cpu(memory);
        cpu.pc = CODE;
    }

    @Benchmark
    @OperationsPerInvocation(BUDGET)
    public long loadStoreLoop() {
        Stop stop = cpu.run(BUDGET);
        if (!(stop instanceof Stop.BudgetExhausted exhausted) || exhausted.executed() != BUDGET) {
            throw new IllegalStateException("the loop stopped early: " + stop);
        }
        return cpu.x[2];
    }

    /**
     * The same loop timed by the thread's CPU time as well as the wall clock, for a figure that holds on a busy
     * machine: {@code java -cp bench/target/benchmarks.jar io.huruhuru.bench.sel4.InterpreterBenchmark}.
     */
    public static void main(String[] args) {
        InterpreterBenchmark benchmark = new InterpreterBenchmark();
        benchmark.load();
        java.lang.management.ThreadMXBean threads = java.lang.management.ManagementFactory.getThreadMXBean();
        for (int round = 0; round < 15; round++) {
            long cpuStart = threads.getCurrentThreadCpuTime();
            long wallStart = System.nanoTime();
            for (int i = 0; i < 10; i++) {
                benchmark.loadStoreLoop();
            }
            double instructions = 10.0 * BUDGET;
            System.out.printf("round %2d: %6.1f million instructions per CPU second, %6.1f per wall second%n", round,
                    instructions / (threads.getCurrentThreadCpuTime() - cpuStart) * 1e3,
                    instructions / (System.nanoTime() - wallStart) * 1e3);
        }
    }
}
