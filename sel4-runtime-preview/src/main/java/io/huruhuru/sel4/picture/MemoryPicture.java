package io.huruhuru.sel4.picture;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;

/**
 * The memory picture of a boot: the board's RAM (kernel image, root server, what each application took, what is
 * left) beside each application's address space as on the talk's slide, then the kernel's untypeds and devices.
 */
public final class MemoryPicture {

    private MemoryPicture() {
    }

    /** Draws a stored boot report (its JSON bytes) as an SVG document, the same bytes for the same report. */
    public static String svg(byte[] bootReportJson) {
        PreviewReport r = PreviewReport.parse(bootReportJson);
        Svg svg = new Svg();
        int y = MemorySections.header(svg, r, "Memory");
        List<PhysicalSegment> physical = PhysicalMap.of(r);
        Set<RegionKind> kinds = EnumSet.of(RegionKind.UNMAPPED, RegionKind.DEVICE);
        physical.forEach(s -> kinds.add(s.kind()));
        r.apps().forEach(a -> a.addressSpace().forEach(m -> kinds.add(RegionKind.ofMapped(m.name(), m.permissions()))));
        r.untypeds().forEach(u -> kinds.add(u.device() ? RegionKind.DEVICE_UNTYPED : RegionKind.UNTYPED));
        if (r.apps().stream().anyMatch(a -> !a.guestMemory().isEmpty())) {
            kinds.add(RegionKind.GUEST);
        }
        y = MemorySections.legend(svg, y, kinds);
        int left = MemorySections.physical(svg, MemorySections.MARGIN, y, physical);
        int right = addressSpaces(svg, MemorySections.MARGIN + MemorySections.COLUMN + 30, y, r.apps());
        y = Math.max(left, right) + 16;
        y = MemorySections.untypeds(svg, y, r.untypeds());
        y = MemorySections.devices(svg, y, PhysicalMap.platform(r), r.apps());
        return svg.document("Memory: " + MemorySections.subject(r), y + 10);
    }

    /** Each application's mapped regions, high addresses on top as on the slide, the gaps between them written. */
    static int addressSpaces(Svg svg, int x, int y, List<PreviewReport.App> apps) {
        for (PreviewReport.App app : apps) {
            svg.text(x, y + 12, 13, "#222222", true, Svg.fit("Address space of " + app.name(), 52)
                    + ("booted".equals(app.result()) ? "" : " (" + app.result() + ")"));
            y += 20;
            List<PreviewReport.Mapped> regions = new ArrayList<>(app.addressSpace());
            app.devices().forEach(d -> regions.add(new PreviewReport.Mapped("device " + d.name(), d.vaddr(),
                    d.bytes(), "rw- uncached")));
            regions.sort(Comparator.comparingLong(PreviewReport.Mapped::start).reversed());
            if (regions.isEmpty()) {
                svg.text(x, y + 12, 11, "#555555", false, "nothing mapped");
                y += 20;
            }
            PreviewReport.Mapped above = null;
            for (PreviewReport.Mapped m : regions) {
                if (above != null && m.start() + m.size() < above.start()) {
                    long gap = above.start() - (m.start() + m.size());
                    y = MemorySections.row(svg, x, y, "virtual", RegionKind.UNMAPPED, app.name(), "unmapped",
                            m.start() + m.size(), gap);
                }
                RegionKind kind = RegionKind.ofMapped(m.name(), m.permissions());
                y = MemorySections.row(svg, x, y, "virtual", kind, app.name(), slideName(kind, m), m.start(),
                        m.size());
                above = m;
            }
            if (!app.guestMemory().isEmpty()) {
                svg.text(x, y + 14, 13, "#222222", true, Svg.fit("Guest physical memory of " + app.name(), 52));
                y += 22;
                for (PreviewReport.Mapped g : app.guestMemory()) {
                    y = MemorySections.row(svg, x, y, "guest", RegionKind.GUEST, app.name(), g.name(), g.start(),
                            g.size());
                }
            }
            y += 12;
        }
        return y;
    }

    /** The slide's words (text, data and bss) with the report's own name kept beside them. */
    private static String slideName(RegionKind kind, PreviewReport.Mapped m) {
        return switch (kind) {
            case TEXT -> "text (" + m.name() + ")";
            case DATA -> "data, bss (" + m.name() + ")";
            default -> m.name();
        };
    }
}
