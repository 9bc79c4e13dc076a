package io.huruhuru.server.http;

/**
 * JSON string literals for log lines written without a JSON library (the access log formats on its own thread,
 * millions of lines, and needs no tree). Every character that RFC 8259 section 7 requires to be escaped is.
 */
final class JsonText {

    private static final char[] HEX = "0123456789abcdef".toCharArray();

    private JsonText() {
    }

    /** Appends {@code text} as a quoted JSON string. */
    static void quote(String text, StringBuilder into) {
        into.append('"');
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            switch (c) {
                case '"' -> into.append("\\\"");
                case '\\' -> into.append("\\\\");
                case '\n' -> into.append("\\n");
                case '\r' -> into.append("\\r");
                case '\t' -> into.append("\\t");
                default -> {
                    if (c < 0x20 || c == 0x7f || c == 0x2028 || c == 0x2029) {
                        // controls, and the two separators that JavaScript reads as line ends
                        into.append("\\u").append(HEX[(c >> 12) & 0xf]).append(HEX[(c >> 8) & 0xf])
                                .append(HEX[(c >> 4) & 0xf]).append(HEX[c & 0xf]);
                    } else {
                        into.append(c);
                    }
                }
            }
        }
        into.append('"');
    }
}
