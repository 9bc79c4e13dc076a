package io.huruhuru.sel4.rootserver;

import io.huruhuru.sel4.app.ApplicationDescription;
import io.huruhuru.sel4.boot.BootInfo;
import io.huruhuru.sel4.boot.BootUntyped;
import io.huruhuru.sel4.boot.KernelBoot;
import io.huruhuru.sel4.boot.KernelBootException;
import io.huruhuru.sel4.boot.Platform;
import io.huruhuru.sel4.boot.RootServerImage;
import io.huruhuru.sel4.report.BootReport;
import io.huruhuru.sel4.report.Hex;
import io.huruhuru.sel4.report.SystemReport;
import java.util.ArrayList;
import java.util.List;
import java.util.SortedMap;
import java.util.TreeMap;

/** Boots a kernel on a platform and then applications into it one after another, into one report. */
public final class SystemBoot {

    private SystemBoot() {
    }

    public static BootReport boot(Platform platform, RootServerImage image, List<ApplicationDescription> apps) {
        BootInfo bootInfo;
        try {
            bootInfo = KernelBoot.emulateKernelBoot(platform, image);
        } catch (KernelBootException e) {
            return kernelBootFailed(platform, e, null);
        }
        RootServer rs = RootServer.start(bootInfo);
        long freeBefore = rs.freeBytes();
        List<ApplicationLoader.Outcome> outcomes = new ArrayList<>();
        for (ApplicationDescription app : apps) {
            ApplicationLoader.Outcome outcome = rs.boot(app);
            outcomes.add(outcome);
            if (!outcome.booted()) {
                break;
            }
        }
        return report(platform, rs, freeBefore, outcomes, null, null);
    }

    /** The report of a boot that stopped in the kernel, before any root server ran. */
    public static BootReport kernelBootFailed(Platform platform, KernelBootException e, SystemReport system) {
        return new BootReport(platform.name(), platform.kernel().architecture().id(), platform.kernel().mcs(), system,
                BootReport.FAILED, new BootReport.ErrorInfo("kernel_BootFailed", null, null, "kernel boot",
                e.getMessage()), null, null, List.of(), List.of(), List.of());
    }

    /**
     * One report for everything booted into one root server: each application's outcome in boot order, the
     * memory they took together, every step, and the first error (the given one, else the first failed boot).
     */
    public static BootReport report(Platform platform, RootServer rs, long freeBefore,
                                    List<ApplicationLoader.Outcome> outcomes, BootReport.ErrorInfo error,
                                    SystemReport system) {
        List<BootReport.ApplicationReport> reports = new ArrayList<>();
        SortedMap<String, Long> byType = new TreeMap<>();
        List<String> warnings = new ArrayList<>(rs.bootInfo().warnings());
        BootReport.ErrorInfo first = error;
        for (ApplicationLoader.Outcome outcome : outcomes) {
            reports.add(outcome.report());
            outcome.report().memory().byObjectType().forEach((k, v) -> byType.merge(k, v, Long::sum));
            outcome.report().warnings().forEach(w -> warnings.add(outcome.report().name() + ": " + w));
            if (first == null && !outcome.booted()) {
                first = outcome.error().orElseThrow();
            }
        }
        long total = byType.values().stream().mapToLong(Long::longValue).sum();
        BootReport.MemoryReport memory = new BootReport.MemoryReport(freeBefore, total, rs.freeBytes(), byType);
        return new BootReport(platform.name(), platform.kernel().architecture().id(), platform.kernel().mcs(), system,
                first == null ? BootReport.BOOTED : BootReport.FAILED, first, kernelReport(rs.bootInfo()), memory,
                reports, rs.log().steps(), warnings);
    }

    static BootReport.KernelReport kernelReport(BootInfo bi) {
        BootInfo.RootServerBlock b = bi.rootServerBlock();
        List<BootReport.Untyped> untypeds = new ArrayList<>();
        for (BootUntyped u : bi.untypeds()) {
            untypeds.add(new BootReport.Untyped(u.slot(), Hex.of(u.paddr()), u.sizeBits(), u.isDevice()));
        }
        return new BootReport.KernelReport(
                new BootReport.RootServerBlock(Hex.of(b.paddr()), b.bytes(), b.alignBits(), bi.initialThreadPagingStructures()),
                new BootReport.AddressRange(Hex.of(bi.userImagePhysical().start()), Hex.of(bi.userImagePhysical().end())),
                new BootReport.SlotRange(bi.emptySlots().start(), bi.emptySlots().end()), bi.ramUntypedBytes(), untypeds,
                bi.warnings());
    }
}
