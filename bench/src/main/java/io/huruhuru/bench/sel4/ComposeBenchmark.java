package io.huruhuru.bench.sel4;

import io.huruhuru.sel4.Sel4Preview;
import io.huruhuru.sel4.app.ApplicationDescription;
import io.huruhuru.sel4.app.ElfImage;
import io.huruhuru.sel4.app.Segment;
import io.huruhuru.sel4.boot.Platform;
import io.huruhuru.sel4.report.BootReport;
import io.huruhuru.sel4.system.ComposeSystem;
import io.huruhuru.sel4.system.LinuxCapability;
import io.huruhuru.sel4.system.Network;
import io.huruhuru.sel4.system.Service;
import io.huruhuru.sel4.system.SystemDescription;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/**
 * Booting a 50-service compose system on qemu-arm-virt-2g: two networks with their message servers, each
 * service publishing a protocol, every other service consuming the protocol of the one before it (its
 * depends_on). The target is under 200 ms for up; {@code upAndDown} adds the teardown and its check.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
public class ComposeBenchmark {

    static final int SERVICES = 50;

    private Platform platform;
    private SystemDescription system;

    @Setup
    public void describeSystem() throws Exception {
        platform = Sel4Preview.platform("qemu-arm-virt-2g");
        ElfImage elf = new ElfImage(true, 183, 0x100, List.of(
                new Segment(0, 0x20000, 0x20000, 0, Segment.PF_R | Segment.PF_X),
                new Segment(0x30000, 0x8000, 0x2000, 0x20000, Segment.PF_R | Segment.PF_W)));
        Map<String, Network> networks = new LinkedHashMap<>();
        networks.put("front", new Network("front", "Poukai.msg0"));
        networks.put("back", new Network("back", "Poukai.msg1"));
        List<Service> services = new ArrayList<>();
        for (int i = 0; i < SERVICES; i++) {
            String name = "svc" + i;
            List<String> consumes = i % 2 == 1 ? List.of("proto" + (i - 1)) : List.of();
            ApplicationDescription app = new ApplicationDescription(name, elf, 64, 0, 0, 100, 120, 4,
                    List.of("proto" + i), List.of("/" + name, "--port", "5050"), List.of("MODE=bench"))
                    .withConsumes(consumes);
            List<String> nets = i % 4 < 2 ? List.of("front") : List.of("back");
            services.add(new Service(name, app, i % 2 == 1 ? List.of("svc" + (i - 1)) : List.of(), nets, List.of(),
                    false, Set.<LinuxCapability>of()));
        }
        system = new SystemDescription("bench", services, networks);
        BootReport r = Sel4Preview.up(platform, system).report();
        if (!r.booted()) {
            throw new IllegalStateException("the 50-service system does not boot: " + r.error());
        }
    }

    /** Kernel boot emulation, two message server PDs and 50 services, and the system report. */
    @Benchmark
    public BootReport up() {
        return ComposeSystem.up(platform, system).report();
    }

    /** The same, then down in reverse order with the check that every byte went back. */
    @Benchmark
    public BootReport upAndDown() {
        return Sel4Preview.upAndDown(platform, system);
    }
}
