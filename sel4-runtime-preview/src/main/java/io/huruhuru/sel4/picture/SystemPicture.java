package io.huruhuru.sel4.picture;

import java.util.ArrayList;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * The picture of a compose system: publishers on the left, message servers in the middle, consumers on the
 * right, an arrow per badged channel (publisher to message server to consumer) with the badges and protocols
 * written in the boxes, then the board's RAM and what each protection domain took.
 */
public final class SystemPicture {

    private static final int SLOT = 16;
    private static final int HEAD = 22;
    private static final int BOX_W = 250;
    private static final int LEFT = MemorySections.MARGIN;
    private static final int MIDDLE = 355;
    private static final int RIGHT = 690;
    private static final String INK = "#222222";

    private SystemPicture() {
    }

    /** Where a box's slot is: the y of its middle line. */
    private record Anchor(String pd, int y) {
    }

    /** Draws a stored system report (its JSON bytes) as an SVG document, the same bytes for the same report. */
    public static String svg(byte[] systemReportJson) {
        PreviewReport r = PreviewReport.parse(systemReportJson);
        Svg svg = new Svg();
        int y = MemorySections.header(svg, r, "System");
        PreviewReport.SystemGraph g = r.system() != null ? r.system()
                : new PreviewReport.SystemGraph("", r.apps().stream().map(PreviewReport.App::name).toList(), List.of(),
                List.of(), null);
        if (g.teardown() != null) {
            svg.text(LEFT, y, 12, g.teardown().returnedAllMemory() ? INK : "#b00020", false,
                    "down: torn down in the order " + String.join(", ", g.teardown().order()) + "; "
                            + (g.teardown().returnedAllMemory() ? "every byte went back to the untyped pool"
                            : "the untyped pool is not whole again"));
            y += 18;
        }
        y = graph(svg, y + 8, g);
        List<PhysicalSegment> physical = PhysicalMap.of(r);
        Set<RegionKind> kinds = EnumSet.noneOf(RegionKind.class);
        physical.forEach(s -> kinds.add(s.kind()));
        y = MemorySections.legend(svg, y + 10, kinds);
        int left = MemorySections.physical(svg, LEFT, y, physical);
        int right = domains(svg, LEFT + MemorySections.COLUMN + 30, y, r.apps());
        y = Math.max(left, right) + 16;
        y = MemorySections.untypeds(svg, y, r.untypeds());
        return svg.document("System: " + MemorySections.subject(r), y + 10);
    }

    private static int graph(Svg svg, int y, PreviewReport.SystemGraph g) {
        svg.text(LEFT, y + 12, 13, INK, true, "Publishers");
        svg.text(MIDDLE, y + 12, 13, INK, true, "Message servers");
        svg.text(RIGHT, y + 12, 13, INK, true, "Consumers");
        int top = y + 22;
        Map<String, List<String>> published = new LinkedHashMap<>();
        Map<String, List<String>> consumed = new LinkedHashMap<>();
        for (String pd : g.bootOrder()) {
            published.put(pd, new ArrayList<>());
            consumed.put(pd, new ArrayList<>());
        }
        for (PreviewReport.MessageServer m : g.messageServers()) {
            for (PreviewReport.Publication p : m.protocols()) {
                published.computeIfAbsent(p.publisher(), k -> new ArrayList<>())
                        .add(p.protocol() + " on " + m.name());
            }
        }
        for (PreviewReport.Route route : g.routes()) {
            consumed.computeIfAbsent(route.service(), k -> new ArrayList<>())
                    .add(route.protocol() + " badge " + route.badge() + " via " + route.network());
        }
        Map<String, Anchor> publisherSlots = new LinkedHashMap<>();
        int yl = top;
        for (Map.Entry<String, List<String>> e : published.entrySet()) {
            if (!e.getValue().isEmpty() || consumed.getOrDefault(e.getKey(), List.of()).isEmpty()) {
                yl = box(svg, LEFT, yl, "publisher", e.getKey(), e.getValue(), publisherSlots);
            }
        }
        Map<String, Anchor> serverSlots = new LinkedHashMap<>();
        int ym = top;
        for (PreviewReport.MessageServer m : g.messageServers()) {
            List<String> lines = new ArrayList<>();
            for (PreviewReport.Publication p : m.protocols()) {
                lines.add(String.format(Locale.ROOT, "%s badge %s slot %d", p.protocol(), p.badge(), p.slot()));
            }
            Map<String, Anchor> slots = new LinkedHashMap<>();
            ym = box(svg, MIDDLE, ym, "message-server", m.name() + " [" + String.join(", ", m.networks()) + "]",
                    lines, slots);
            for (int i = 0; i < m.protocols().size(); i++) {
                PreviewReport.Publication p = m.protocols().get(i);
                Anchor a = slots.get(lines.get(i));
                serverSlots.put(m.name() + "\u0000" + p.protocol() + "\u0000" + p.publisher(), new Anchor(m.name(), a.y()));
                Anchor from = publisherSlots.get(p.publisher() + "\u0000" + p.protocol() + " on " + m.name());
                if (from != null) {
                    svg.open("data-edge", "publish", "data-from", p.publisher(), "data-to", m.name(),
                            "data-protocol", p.protocol(), "data-badge", p.badge());
                    svg.arrow(LEFT + BOX_W, from.y(), MIDDLE, a.y(), "#2f7fc1").close();
                }
            }
            serverSlots.putIfAbsent(m.name(), new Anchor(m.name(), ym - 10));
        }
        Map<String, Anchor> consumerSlots = new LinkedHashMap<>();
        int yr = top;
        for (Map.Entry<String, List<String>> e : consumed.entrySet()) {
            if (!e.getValue().isEmpty()) {
                yr = box(svg, RIGHT, yr, "consumer", e.getKey(), e.getValue(), consumerSlots);
            }
        }
        for (PreviewReport.Route route : g.routes()) {
            Anchor from = serverSlots.get(route.messageServer() + "\u0000" + route.protocol() + "\u0000"
                    + route.publisher());
            Anchor to = consumerSlots.get(route.service() + "\u0000" + route.protocol() + " badge " + route.badge()
                    + " via " + route.network());
            if (from != null && to != null) {
                svg.open("data-edge", "route", "data-from", route.messageServer(), "data-to", route.service(),
                        "data-protocol", route.protocol(), "data-publisher", route.publisher(),
                        "data-badge", route.badge());
                svg.arrow(MIDDLE + BOX_W, from.y(), RIGHT, to.y(), "#d1495b").close();
            }
        }
        return Math.max(yl, Math.max(ym, yr)) + 8;
    }

    /** A protection domain's box: its name on top, one line (and one arrow anchor) per channel. */
    private static int box(Svg svg, int x, int y, String role, String name, List<String> lines,
                           Map<String, Anchor> anchors) {
        int h = HEAD + SLOT * Math.max(1, lines.size()) + 4;
        String pd = role.equals("message-server") ? name.substring(0, name.lastIndexOf(" [")) : name;
        svg.open("data-pd", pd, "data-role", role);
        svg.box(x, y, BOX_W, h, role.equals("message-server") ? "#f3ecfa" : "#eef5fb",
                role.equals("message-server") ? RegionKind.ROOT_SERVER.colour : RegionKind.FRAMES.colour);
        svg.text(x + 8, y + 15, 12, INK, true, Svg.fit(name, 32));
        if (lines.isEmpty()) {
            svg.text(x + 8, y + HEAD + 12, 10, "#555555", false, "no channels");
        }
        for (int i = 0; i < lines.size(); i++) {
            int line = y + HEAD + i * SLOT;
            svg.text(x + 8, line + 12, 10, INK, false, Svg.fit(lines.get(i), 38));
            anchors.put(role.equals("message-server") ? lines.get(i) : pd + "\u0000" + lines.get(i),
                    new Anchor(pd, line + 8));
        }
        svg.close();
        return y + h + 12;
    }

    /** Each protection domain's share of the RAM, in boot order. */
    private static int domains(Svg svg, int x, int y, List<PreviewReport.App> apps) {
        svg.text(x, y + 12, 13, INK, true, "Protection domains");
        y += 20;
        for (PreviewReport.App a : apps) {
            svg.open("data-space", "domain", "data-name", a.name(), "data-size", Long.toString(a.totalBytes()));
            svg.rect(x, y, 12, 14, "booted".equals(a.result()) ? RegionKind.FRAMES.colour : "#b00020");
            svg.text(x + 18, y + 11, 11, INK, false, String.format(Locale.ROOT, "%-28s %10s  %s",
                    Svg.fit(a.name(), 28), Sizes.words(a.totalBytes()), a.result()));
            svg.close();
            y += 18;
        }
        return y;
    }
}
