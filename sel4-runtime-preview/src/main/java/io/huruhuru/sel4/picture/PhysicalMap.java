package io.huruhuru.sel4.picture;

import io.huruhuru.sel4.boot.Platform;
import io.huruhuru.sel4.boot.PlatformCatalog;
import io.huruhuru.sel4.boot.Region;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.TreeSet;

/**
 * The board's RAM after a boot, split into runs of one use each, in address order: what every application took
 * (from the report's retype steps), what is left of the kernel's untypeds, the root server, the kernel image, and
 * what the kernel kept at boot. The RAM ranges and kernel image come from the platform the report names.
 */
final class PhysicalMap {

    private static final String ROOT_SERVER_SPLIT = "the root server splits";

    private PhysicalMap() {
    }

    static Optional<Platform> platform(PreviewReport report) {
        return PlatformCatalog.find(report.platform());
    }

    static List<PhysicalSegment> of(PreviewReport report) {
        List<PhysicalSegment> claims = new ArrayList<>();
        // Earlier claims win where two overlap: what a step retyped lies inside a free untyped, for instance.
        List<PreviewReport.Step> steps = report.steps();
        for (int i = 0; i < steps.size(); i++) {
            PreviewReport.Step s = steps.get(i);
            long bytes = s.retypedBytes();
            if (bytes > 0 && !splitByRootServer(s, steps.subList(i + 1, steps.size()))) {
                claims.add(new PhysicalSegment(RegionKind.ofObjectType(s.objectType()), s.application(),
                        s.application() + ": " + s.phase(), s.paddr(), bytes));
            }
        }
        for (PreviewReport.Untyped u : report.untypeds()) {
            if (!u.device()) {
                claims.add(new PhysicalSegment(RegionKind.FREE, "", "free", u.paddr(), u.size()));
            }
        }
        if (report.rootServerBlock() != null) {
            claims.add(new PhysicalSegment(RegionKind.ROOT_SERVER, "", "root server objects and boot info",
                    report.rootServerBlock().start(), report.rootServerBlock().size()));
        }
        if (report.rootServerImage() != null) {
            claims.add(new PhysicalSegment(RegionKind.ROOT_SERVER, "", "root server image",
                    report.rootServerImage().start(), report.rootServerImage().size()));
        }
        Optional<Platform> platform = platform(report);
        platform.ifPresent(p -> claims.add(new PhysicalSegment(RegionKind.KERNEL, "", "kernel image",
                p.kernelImage().start(), p.kernelImage().size())));
        List<Region> ram = platform.map(Platform::memory).orElseGet(() -> hull(claims));
        TreeSet<Long> cuts = new TreeSet<>();
        for (Region r : ram) {
            cuts.add(r.start());
            cuts.add(r.end());
        }
        for (PhysicalSegment c : claims) {
            cuts.add(c.start());
            cuts.add(c.end());
        }
        // A sweep over the cuts: claims enter at their start; the earliest claim still covering a piece owns it.
        Integer[] byStart = new Integer[claims.size()];
        for (int i = 0; i < byStart.length; i++) {
            byStart[i] = i;
        }
        Arrays.sort(byStart, Comparator.comparingLong(i -> claims.get(i).start()));
        TreeSet<Integer> active = new TreeSet<>();
        int next = 0;
        List<PhysicalSegment> out = new ArrayList<>();
        Long previous = null;
        for (long cut : cuts) {
            if (previous != null && inRam(ram, previous, cut)) {
                while (next < byStart.length && claims.get(byStart[next]).start() <= previous) {
                    active.add(byStart[next++]);
                }
                while (!active.isEmpty() && claims.get(active.first()).end() <= previous) {
                    active.pollFirst();
                }
                add(out, owned(active.isEmpty() ? null : claims.get(active.first()), previous, cut));
            }
            previous = cut;
        }
        return List.copyOf(out);
    }

    private static boolean inRam(List<Region> ram, long start, long end) {
        return ram.stream().anyMatch(r -> r.start() <= start && end <= r.end());
    }

    private static PhysicalSegment owned(PhysicalSegment claim, long start, long end) {
        if (claim == null) {
            return new PhysicalSegment(RegionKind.BOOT_RESERVED, "", "reserved at boot", start, end - start);
        }
        return new PhysicalSegment(claim.kind(), claim.owner(), claim.label(), start, end - start);
    }

    /**
     * An untyped the root server split off for itself is not an application's: it is drawn as the objects later
     * retyped from it, and what is left of it as free. The root server says so in the step
     * ({@code rootserver.UntypedPool#splitDown}), and a later retype inside it shows it too. An untyped handed to
     * the application (ut_large_page, ut_4k_pages) is neither.
     */
    private static boolean splitByRootServer(PreviewReport.Step s, List<PreviewReport.Step> later) {
        if (s.objectType() == null || !s.objectType().contains("Untyped")) {
            return false;
        }
        if (s.detail() != null && s.detail().startsWith(ROOT_SERVER_SPLIT)) {
            return true;
        }
        long end = s.paddr() + s.retypedBytes();
        return later.stream().anyMatch(l -> l.retypedBytes() > 0 && l.paddr() >= s.paddr() && l.paddr() < end);
    }

    /** Appends a piece, joining it to the last one when they are one use and touch. */
    private static void add(List<PhysicalSegment> out, PhysicalSegment piece) {
        if (!out.isEmpty()) {
            PhysicalSegment last = out.get(out.size() - 1);
            if (last.end() == piece.start() && last.kind() == piece.kind() && last.owner().equals(piece.owner())
                    && last.label().equals(piece.label())) {
                out.set(out.size() - 1, new PhysicalSegment(last.kind(), last.owner(), last.label(), last.start(),
                        last.size() + piece.size()));
                return;
            }
        }
        out.add(piece);
    }

    /** Without a known platform, RAM is taken to be what the report's own ranges cover. */
    private static List<Region> hull(List<PhysicalSegment> claims) {
        if (claims.isEmpty()) {
            return List.of();
        }
        long lo = claims.stream().mapToLong(PhysicalSegment::start).min().orElseThrow();
        long hi = claims.stream().mapToLong(PhysicalSegment::end).max().orElseThrow();
        return List.of(new Region(lo, hi));
    }
}
