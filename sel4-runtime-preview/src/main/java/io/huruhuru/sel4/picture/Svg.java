package io.huruhuru.sel4.picture;

import java.util.List;
import java.util.Locale;

/**
 * An SVG document written in order, every text escaped: names come from users' images, so nothing from a report
 * reaches the output unescaped. Coordinates are integers, so the bytes do not depend on the machine's locale.
 */
final class Svg {

    static final int WIDTH = 960;
    static final String FONT = "DejaVu Sans Mono, Menlo, Consolas, monospace";

    private final StringBuilder body = new StringBuilder();

    /** XML text and attribute escaping; characters XML 1.0 forbids become U+FFFD so the document stays well formed. */
    static String escape(String s) {
        StringBuilder out = new StringBuilder(s.length() + 16);
        s.codePoints().forEach(c -> {
            switch (c) {
                case '&' -> out.append("&amp;");
                case '<' -> out.append("&lt;");
                case '>' -> out.append("&gt;");
                case '"' -> out.append("&quot;");
                case '\'' -> out.append("&apos;");
                default -> {
                    boolean allowed = c == 0x9 || c == 0xA || c == 0xD || (c >= 0x20 && c <= 0xD7FF)
                            || (c >= 0xE000 && c <= 0xFFFD) || c >= 0x10000;
                    out.appendCodePoint(allowed ? c : 0xFFFD);
                }
            }
        });
        return out.toString();
    }

    /** At most max characters, an ellipsis marking a cut, so a long name cannot run into the next column. */
    static String fit(String s, int max) {
        int n = s.codePointCount(0, s.length());
        if (n <= max) {
            return s;
        }
        return s.substring(0, s.offsetByCodePoints(0, max - 1)) + "\u2026";
    }

    /** Opens a group; attrs alternate name and value, the values escaped. */
    Svg open(String... attrs) {
        body.append("<g");
        for (int i = 0; i + 1 < attrs.length; i += 2) {
            body.append(' ').append(attrs[i]).append("=\"").append(escape(attrs[i + 1])).append('"');
        }
        body.append(">\n");
        return this;
    }

    Svg close() {
        body.append("</g>\n");
        return this;
    }

    Svg rect(int x, int y, int w, int h, String fill) {
        body.append(String.format(Locale.ROOT,
                "<rect x=\"%d\" y=\"%d\" width=\"%d\" height=\"%d\" fill=\"%s\" stroke=\"#ffffff\" stroke-width=\"1\"/>%n",
                x, y, w, h, fill));
        return this;
    }

    Svg box(int x, int y, int w, int h, String fill, String stroke) {
        body.append(String.format(Locale.ROOT,
                "<rect x=\"%d\" y=\"%d\" width=\"%d\" height=\"%d\" rx=\"4\" fill=\"%s\" stroke=\"%s\" stroke-width=\"1.5\"/>%n",
                x, y, w, h, fill, stroke));
        return this;
    }

    Svg text(int x, int y, int size, String fill, boolean bold, String s) {
        body.append(String.format(Locale.ROOT, "<text x=\"%d\" y=\"%d\" font-size=\"%d\" fill=\"%s\"%s>", x, y, size,
                fill, bold ? " font-weight=\"bold\"" : "")).append(escape(s)).append("</text>\n");
        return this;
    }

    /** One text of several lines, a tspan each, so the lines read as the one sentence they were cut from. */
    Svg lines(int x, int y, int size, int lineHeight, String fill, boolean bold, List<String> parts) {
        body.append(String.format(Locale.ROOT, "<text x=\"%d\" y=\"%d\" font-size=\"%d\" fill=\"%s\"%s>",
                x, y, size, fill, bold ? " font-weight=\"bold\"" : ""));
        for (int i = 0; i < parts.size(); i++) {
            body.append(String.format(Locale.ROOT, "<tspan x=\"%d\" dy=\"%d\">", x, i == 0 ? 0 : lineHeight))
                    .append(escape(parts.get(i))).append("</tspan>");
        }
        body.append("</text>\n");
        return this;
    }

    Svg title(String s) {
        body.append("<title>").append(escape(s)).append("</title>\n");
        return this;
    }

    Svg arrow(int x1, int y1, int x2, int y2, String stroke) {
        int mid = (x1 + x2) / 2;
        body.append(String.format(Locale.ROOT,
                "<path d=\"M %d %d C %d %d, %d %d, %d %d\" fill=\"none\" stroke=\"%s\" stroke-width=\"1.5\" "
                        + "marker-end=\"url(#arrow)\"/>%n", x1, y1, mid, y1, mid, y2, x2, y2, stroke));
        return this;
    }

    Svg line(int x1, int y1, int x2, int y2, String stroke) {
        body.append(String.format(Locale.ROOT,
                "<line x1=\"%d\" y1=\"%d\" x2=\"%d\" y2=\"%d\" stroke=\"%s\" stroke-width=\"1\"/>%n",
                x1, y1, x2, y2, stroke));
        return this;
    }

    /** The whole document: a white page of the fixed width and the given height. */
    String document(String title, int height) {
        return "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
                + String.format(Locale.ROOT, "<svg xmlns=\"http://www.w3.org/2000/svg\" xml:space=\"preserve\" width=\"%d\" height=\"%d\" "
                + "viewBox=\"0 0 %d %d\" font-family=\"%s\">%n", WIDTH, height, WIDTH, height, FONT)
                + "<title>" + escape(title) + "</title>\n"
                + "<defs><marker id=\"arrow\" viewBox=\"0 0 10 10\" refX=\"10\" refY=\"5\" markerWidth=\"7\" "
                + "markerHeight=\"7\" orient=\"auto\"><path d=\"M 0 0 L 10 5 L 0 10 z\" fill=\"#333333\"/></marker></defs>\n"
                + String.format(Locale.ROOT, "<rect x=\"0\" y=\"0\" width=\"%d\" height=\"%d\" fill=\"#ffffff\"/>%n",
                WIDTH, height)
                + body + "</svg>\n";
    }
}
