package io.huruhuru.sel4.picture;

import io.huruhuru.sel4.boot.Platform;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * The parts both pictures share: the title and status, the legend, a column of regions with their sizes and
 * ranges written beside them, the kernel's untypeds and the board's devices. Each part is drawn below the one
 * before it and returns where it ends, so no two parts overlap.
 */
final class MemorySections {

    static final int MARGIN = 20;
    static final int BAR = 100;
    static final int COLUMN = 450;
    private static final int MIN_ROW = 26;
    private static final int MAX_ROW = 130;
    private static final int WRAP = 128;
    private static final String INK = "#222222";
    private static final String FAILED = "#b00020";

    private MemorySections() {
    }

    /**
     * A row's height grows with the logarithm of its size, from a minimum that holds its two lines of text:
     * a 32-byte reply object and a 1 GiB free untyped both stay visible and labelled.
     */
    static int rowHeight(long size) {
        if (size <= 4096) {
            return MIN_ROW;
        }
        double log = Math.log((double) size / 4096) / Math.log(2);
        return (int) Math.min(MAX_ROW, MIN_ROW + Math.round(6 * log));
    }

    /** "hello on qemu-arm-virt (aarch64, MCS)", or the system's name in place of the applications'. */
    static String subject(PreviewReport r) {
        String who = r.system() != null ? r.system().name()
                : r.apps().stream().map(PreviewReport.App::name).collect(Collectors.joining(", "));
        return (who.isEmpty() ? "boot" : who) + " on " + r.platform() + " (" + r.architecture()
                + (r.mcs() ? ", MCS" : "") + ")";
    }

    /** The outcome in words: what booted and what is left, or the failing step and why. */
    static List<String> status(PreviewReport r) {
        List<String> lines = new ArrayList<>();
        if (r.booted()) {
            lines.add(String.format(Locale.ROOT, "booted: %d protection domain%s took %s; %s of %s RAM untyped left",
                    r.apps().size(), r.apps().size() == 1 ? "" : "s", Sizes.words(r.totalBytes()), Sizes.words(r.freeBytesAfter()),
                    Sizes.words(r.ramUntypedBytes())));
        } else if (r.failure() != null) {
            PreviewReport.Failure f = r.failure();
            lines.add("failed at step " + (f.stepIndex() == null ? "?" : f.stepIndex()) + " (" + f.application()
                    + "): " + f.code() + " in " + f.step());
            lines.add(f.detail());
            lines.add("the picture shows what was allocated before the failure");
        } else {
            lines.add("result: " + r.result());
        }
        return lines;
    }

    static int header(Svg svg, PreviewReport r, String what) {
        svg.text(MARGIN, 30, 18, INK, true, Svg.fit(what + ": " + subject(r), 84));
        int y = 52;
        for (String line : status(r)) {
            List<String> parts = wrap(line);
            svg.lines(MARGIN, y, 12, 16, r.booted() ? INK : FAILED, !r.booted(), parts);
            y += 16 * parts.size();
        }
        return y;
    }

    static int legend(Svg svg, int y, Set<RegionKind> kinds) {
        int x = MARGIN;
        y += 4;
        for (RegionKind k : EnumSet.copyOf(kinds)) {
            int w = 24 + 7 * k.legend.length();
            if (x + w > Svg.WIDTH - MARGIN) {
                x = MARGIN;
                y += 18;
            }
            svg.open("data-legend", k.id).rect(x, y, 12, 12, k.colour).text(x + 16, y + 10, 11, INK, false, k.legend)
                    .close();
            x += w;
        }
        return y + 26;
    }

    /** One region: a bar of its kind's colour, its name and size, and its range beneath. */
    static int row(Svg svg, int x, int y, String space, RegionKind kind, String owner, String label, long start,
                   long size) {
        int h = rowHeight(size);
        svg.open("data-space", space, "data-region", kind.id, "data-owner", owner, "data-name", label,
                "data-start", Sizes.hex(start), "data-size", Long.toString(size));
        svg.title(label + " " + Sizes.range(start, size) + " " + Sizes.words(size));
        svg.rect(x, y, BAR, h, kind.colour);
        svg.line(x + BAR, y + h / 2, x + BAR + 6, y + h / 2, "#999999");
        svg.text(x + BAR + 8, y + 12, 11, INK, false, Svg.fit(label, 40) + "  " + Sizes.words(size));
        svg.text(x + BAR + 8, y + 23, 10, "#555555", false, Sizes.range(start, size));
        svg.close();
        return y + h;
    }

    static int physical(Svg svg, int x, int y, List<PhysicalSegment> segments) {
        svg.text(x, y + 12, 13, INK, true, "Physical memory (RAM), low addresses first");
        y += 20;
        for (PhysicalSegment s : segments) {
            y = row(svg, x, y, "physical", s.kind(), s.owner(), s.label(), s.start(), s.size());
        }
        return y;
    }

    /** Every untyped the kernel handed the root server, five to a line, in slot order. */
    static int untypeds(Svg svg, int y, List<PreviewReport.Untyped> untypeds) {
        long device = untypeds.stream().filter(PreviewReport.Untyped::device).count();
        svg.text(MARGIN, y + 12, 13, INK, true, String.format(Locale.ROOT,
                "Untypeds the kernel handed over: %d RAM, %d device", untypeds.size() - device, device));
        y += 20;
        int perLine = 5;
        int w = (Svg.WIDTH - 2 * MARGIN) / perLine;
        for (int i = 0; i < untypeds.size(); i++) {
            PreviewReport.Untyped u = untypeds.get(i);
            int x = MARGIN + (i % perLine) * w;
            int top = y + (i / perLine) * 20;
            RegionKind kind = u.device() ? RegionKind.DEVICE_UNTYPED : RegionKind.UNTYPED;
            svg.open("data-space", "untyped", "data-region", kind.id, "data-slot", Integer.toString(u.slot()),
                    "data-start", Sizes.hex(u.paddr()), "data-size", Long.toString(u.size()));
            svg.rect(x, top, w - 4, 18, kind.colour);
            svg.text(x + 4, top + 13, 10, INK, false, String.format(Locale.ROOT, "%d %s %s", u.slot(),
                    Sizes.hex(u.paddr()), Sizes.words(u.size())));
            svg.close();
        }
        return y + ((untypeds.size() + perLine - 1) / perLine) * 20 + 10;
    }

    /** The board's device regions: the kernel's own, then those left to user level and who maps them. */
    static int devices(Svg svg, int y, Optional<Platform> platform, List<PreviewReport.App> apps) {
        if (platform.isEmpty()) {
            return y;
        }
        svg.text(MARGIN, y + 12, 13, INK, true, "Device regions of " + platform.get().name());
        y += 20;
        List<Platform.Device> all = new ArrayList<>(platform.get().kernelDevices());
        all.addAll(platform.get().devices());
        for (Platform.Device d : all) {
            boolean kernel = platform.get().kernelDevices().contains(d);
            String users = apps.stream().filter(a -> a.devices().stream().anyMatch(m -> m.paddr() == d.paddr()))
                    .map(PreviewReport.App::name).collect(Collectors.joining(", "));
            String who = kernel ? "kept by the kernel" : users.isEmpty() ? "not mapped" : "mapped by " + users;
            svg.open("data-space", "device", "data-region", RegionKind.DEVICE.id, "data-name", d.name(),
                    "data-start", Sizes.hex(d.paddr()), "data-size", Long.toString(d.size()));
            svg.rect(MARGIN, y, 12, 14, kernel ? RegionKind.KERNEL.colour : RegionKind.DEVICE.colour);
            svg.text(MARGIN + 18, y + 11, 11, INK, false, String.format(Locale.ROOT, "%-24s %-26s %-10s %s",
                    Svg.fit(d.name(), 24), Sizes.range(d.paddr(), d.size()), Sizes.words(d.size()),
                    Svg.fit(who, 40)));
            svg.close();
            y += 18;
        }
        return y + 10;
    }

    /**
     * The line cut at spaces into parts of at most WRAP characters (plus the space kept at a cut), so that the parts
     * joined give the line back: a reason a person acts on is read, copied and searched as one sentence.
     */
    static List<String> wrap(String line) {
        List<String> parts = new ArrayList<>();
        String rest = line == null ? "" : line;
        while (rest.length() > WRAP) {
            int cut = rest.lastIndexOf(' ', WRAP);
            if (cut <= 0) {
                cut = WRAP;
            }
            while (cut < rest.length() && rest.charAt(cut) == ' ') {
                cut++;
            }
            parts.add(rest.substring(0, cut));
            rest = rest.substring(cut);
        }
        parts.add(rest);
        return parts;
    }
}
