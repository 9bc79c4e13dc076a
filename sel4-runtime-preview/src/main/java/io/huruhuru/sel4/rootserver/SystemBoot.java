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
            return new BootReport(platform.name(), platform.kernel().architecture().id(), platform.kernel().mcs(),
                    BootReport.FAILED, new BootReport.ErrorInfo("kernel_BootFailed", null, null, "kernel boot",
                    e.getMessage()), null, null, List.of(), List.of(), List.of());
        }
        RootServer rs = RootServer.start(bootInfo);
        long freeBefore = rs.freeBytes();
        List<BootReport.ApplicationReport> reports = new ArrayList<>();
        BootReport.ErrorInfo error = null;
        SortedMap<String, Long> byType = new TreeMap<>();
        List<String> warnings = new ArrayList<>(bootInfo.warnings());
        for (ApplicationDescription app : apps) {
            ApplicationLoader.Outcome outcome = rs.boot(app);
            reports.add(outcome.report());
            outcome.report().memory().byObjectType().forEach((k, v) -> byType.merge(k, v, Long::sum));
            outcome.report().warnings().forEach(w -> warnings.add(app.name() + ": " + w));
            if (!outcome.booted()) {
                error = outcome.error().orElseThrow();
                break;
            }
        }
        long total = byType.values().stream().mapToLong(Long::longValue).sum();
        BootReport.MemoryReport memory = new BootReport.MemoryReport(freeBefore, total, rs.freeBytes(), byType);
        return new BootReport(platform.name(), platform.kernel().architecture().id(), platform.kernel().mcs(),
                error == null ? BootReport.BOOTED : BootReport.FAILED, error, kernelReport(bootInfo), memory, reports,
                rs.log().steps(), warnings);
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
