package io.huruhuru.sel4.picture;

import java.util.List;
import java.util.Locale;

/**
 * A boot report as a log a person reads: the outcome, every step in order with where it put what, the failing step
 * and its reason, a compose system's channels and teardown, and a memory table (region, start, end, size).
 */
public final class BootLog {

    private static final String TABLE_ROW = "%-44s %-18s %-18s %12s%n";

    private BootLog() {
    }

    /** Writes a stored boot or system report (its JSON bytes) as plain text, the same bytes for the same report. */
    public static String text(byte[] reportJson) {
        PreviewReport r = PreviewReport.parse(reportJson);
        StringBuilder out = new StringBuilder();
        line(out, (r.system() != null ? "System preview: " : "Boot preview: ") + MemorySections.subject(r));
        for (String s : MemorySections.status(r)) {
            line(out, s);
        }
        out.append('\n');
        steps(out, r);
        if (r.system() != null) {
            system(out, r.system());
        }
        memory(out, r);
        return out.toString();
    }

    private static void steps(StringBuilder out, PreviewReport r) {
        line(out, "Steps");
        for (PreviewReport.Step s : r.steps()) {
            StringBuilder what = new StringBuilder(s.action());
            if (s.objectType() != null) {
                what.append(' ').append(s.objectType());
                if (s.count() != null) {
                    what.append(" x").append(s.count());
                }
                if (s.sizeBits() != null) {
                    what.append(" (").append(Sizes.words(1L << s.sizeBits())).append(" each)");
                }
            }
            if (s.paddr() != null) {
                what.append(" at ").append(Sizes.hex(s.paddr()));
            }
            if (s.vaddr() != null) {
                what.append(" vaddr ").append(s.vaddr());
            }
            if (s.slot() != null) {
                what.append(" slot ").append(s.slot());
            }
            line(out, String.format(Locale.ROOT, "%5d  %-7s %-14s %-20s %s", s.index(), s.outcome(), s.application(),
                    s.phase(), what));
            if (!s.ok() && s.detail() != null) {
                line(out, "       reason: " + s.detail());
            }
        }
        out.append('\n');
    }

    private static void system(StringBuilder out, PreviewReport.SystemGraph g) {
        line(out, "System " + g.name());
        line(out, "  boot order: " + String.join(", ", g.bootOrder()));
        for (PreviewReport.MessageServer m : g.messageServers()) {
            line(out, "  message server " + m.name() + " on " + String.join(", ", m.networks()));
            for (PreviewReport.Publication p : m.protocols()) {
                line(out, String.format(Locale.ROOT, "    %s published by %s, badge %s, slot %d", p.protocol(),
                        p.publisher(), p.badge(), p.slot()));
            }
        }
        for (PreviewReport.Route c : g.routes()) {
            line(out, String.format(Locale.ROOT, "  channel %s -> %s -> %s: %s, badge %s, network %s", c.publisher(),
                    c.messageServer(), c.service(), c.protocol(), c.badge(), c.network()));
        }
        if (g.teardown() != null) {
            line(out, "  down: " + String.join(", ", g.teardown().order()) + "; free before up "
                    + Sizes.words(g.teardown().freeBytesBeforeUp()) + ", after down "
                    + Sizes.words(g.teardown().freeBytesAfterDown()) + (g.teardown().returnedAllMemory()
                    ? ", every byte returned" : ", NOT every byte returned"));
        }
        out.append('\n');
    }

    private static void memory(StringBuilder out, PreviewReport r) {
        line(out, "Physical memory");
        out.append(String.format(Locale.ROOT, TABLE_ROW, "region", "start", "end", "size"));
        for (PhysicalSegment s : PhysicalMap.of(r)) {
            row(out, s.label(), s.start(), s.size());
        }
        for (PreviewReport.App a : r.apps()) {
            out.append('\n');
            line(out, "Address space of " + a.name());
            out.append(String.format(Locale.ROOT, TABLE_ROW, "region", "start", "end", "size"));
            List<PreviewReport.Mapped> regions = a.addressSpace();
            for (PreviewReport.Mapped m : regions) {
                row(out, m.name() + (m.permissions().isEmpty() ? "" : " " + m.permissions()), m.start(), m.size());
            }
            for (PreviewReport.Device d : a.devices()) {
                row(out, "device " + d.name(), d.vaddr(), d.bytes());
            }
            for (PreviewReport.Mapped g : a.guestMemory()) {
                row(out, "guest " + g.name(), g.start(), g.size());
            }
        }
    }

    private static void row(StringBuilder out, String region, long start, long size) {
        out.append(String.format(Locale.ROOT, TABLE_ROW, plain(Svg.fit(region, 44)), Sizes.hex(start),
                Sizes.hex(start + size), Sizes.words(size)));
    }

    private static void line(StringBuilder out, String s) {
        out.append(plain(s)).append('\n');
    }

    /** Control characters from a report are shown escaped, so a name cannot forge or hide a line of the log. */
    public static String plain(String s) {
        StringBuilder b = new StringBuilder(s.length());
        s.codePoints().forEach(c -> {
            if (c < 0x20 || c == 0x7f || (c >= 0x80 && c < 0xa0) || c == 0x2028 || c == 0x2029) {
                b.append(String.format(Locale.ROOT, "\\u%04x", c));
            } else {
                b.appendCodePoint(c);
            }
        });
        return b.toString();
    }
}
