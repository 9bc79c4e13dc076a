package io.huruhuru.server.contract;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Locale;

/**
 * The path the router matches for a request path, as Vert.x normalizes it: percent-escapes of unreserved characters
 * decoded (RFC 3986 2.3), runs of slashes made one, then dot segments removed (RFC 3986 5.2.4); so
 * {@code /%2e%2e/v2/} and {@code /v2//} are served as {@code /v2/}.
 */
final class RoutedPath {

    private RoutedPath() {
    }

    static String of(String rawPath) {
        return withoutDotSegments(unreservedDecoded(rawPath).replaceAll("/{2,}", "/"));
    }

    private static String unreservedDecoded(String path) {
        StringBuilder out = new StringBuilder(path.length());
        for (int i = 0; i < path.length(); i++) {
            char c = path.charAt(i);
            if (c == '%' && i + 2 < path.length()) {
                String hex = path.substring(i + 1, i + 3);
                if (hex.matches("[0-9a-fA-F]{2}")) {
                    char decoded = (char) Integer.parseInt(hex, 16);
                    if (Character.isLetterOrDigit(decoded) && decoded < 128 || "-._~".indexOf(decoded) >= 0) {
                        out.append(decoded);
                        i += 2;
                        continue;
                    }
                    out.append('%').append(hex.toUpperCase(Locale.ROOT));
                    i += 2;
                    continue;
                }
            }
            out.append(c);
        }
        return out.toString();
    }

    private static String withoutDotSegments(String path) {
        if (!path.startsWith("/")) {
            return path;
        }
        Deque<String> kept = new ArrayDeque<>();
        String[] segments = path.substring(1).split("/", -1);
        for (int i = 0; i < segments.length; i++) {
            String segment = segments[i];
            boolean last = i == segments.length - 1;
            if (segment.equals(".") || segment.equals("..")) {
                if (segment.equals("..") && !kept.isEmpty()) {
                    kept.removeLast();
                }
                if (last) {
                    kept.addLast("");
                }
                continue;
            }
            kept.addLast(segment);
        }
        return "/" + String.join("/", kept);
    }
}
