package io.huruhuru.sel4.rootserver;

import io.huruhuru.sel4.app.ApplicationDescription;
import io.huruhuru.sel4.app.ByteSize;
import io.huruhuru.sel4.app.MemoryDemand;
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

    /** The error code of an untyped that cannot hold what is asked of it (libsel4 seL4_NotEnoughMemory). */
    static final String NOT_ENOUGH_MEMORY = "seL4_NotEnoughMemory";

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
        BootReport.ErrorInfo error = null;
        for (ApplicationDescription app : apps) {
            long free = rs.freeBytes();
            ApplicationLoader.Outcome outcome = rs.boot(app);
            outcomes.add(outcome);
            if (!outcome.booted()) {
                error = inWords(outcome.error().orElseThrow(), app, platform, free, outcomes.size() > 1);
                break;
            }
        }
        return report(platform, rs, freeBefore, outcomes, error, null);
    }

    /**
     * A failure in words a person can act on: for seL4_NotEnoughMemory, what of the application's demand does not
     * fit and how much the board has free ("heap of 300,000 pages needs 1.14 GiB; qemu-arm-virt has 1.0 GiB free
     * after the kernel and root server"), followed by the kernel's own detail. Other errors are left as they are.
     *
     * @param free the untyped bytes free just before the application's boot
     * @param afterOthers whether applications booted before it took part of the memory
     */
    public static BootReport.ErrorInfo inWords(BootReport.ErrorInfo error, ApplicationDescription app,
                                               Platform platform, long free, boolean afterOthers) {
        if (!error.code().equals(NOT_ENOUGH_MEMORY)) {
            return error;
        }
        MemoryDemand d = MemoryDemand.of(app);
        String what;
        if (d.heapBytes() > free) {
            what = "heap of " + ByteSize.count(app.heapPages()) + " pages needs " + ByteSize.text(d.heapBytes());
        } else if (d.guestRamBytes() > free) {
            what = "guest RAM of " + ByteSize.text(d.guestRamBytes()) + " does not fit";
        } else if (d.utLargeBytes() > free) {
            what = ByteSize.count(app.utLargePages()) + " untypeds of 2 MiB need " + ByteSize.text(d.utLargeBytes());
        } else if (d.ut4kBytes() > free) {
            what = ByteSize.count(app.ut4kPages()) + " untypeds of 4 KiB need " + ByteSize.text(d.ut4kBytes());
        } else {
            what = "application " + app.name() + " needs " + ByteSize.text(d.totalBytes()) + " (" + d.breakdown()
                    + ") and its kernel objects";
        }
        String words = what + "; " + platform.name() + " has " + ByteSize.text(free) + " free after the kernel and "
                + "root server" + (afterOthers ? " and the applications booted before " + app.name() : "");
        return new BootReport.ErrorInfo(error.code(), error.application(), error.stepIndex(), error.step(),
                words + " (kernel: " + error.detail() + ")");
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
