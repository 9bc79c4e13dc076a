package io.huruhuru.bench.registry;

import java.util.Locale;

/** Prints measured figures as {@code result <key> <value>} lines on stdout, the only thing the script parses. */
final class Results {

    private Results() {
    }

    static void put(String key, double value) {
        System.out.printf(Locale.ROOT, "result %s %.2f%n", key, value);
    }

    static void put(String key, long value) {
        System.out.printf(Locale.ROOT, "result %s %d%n", key, value);
    }

    static void put(String key, String value) {
        System.out.printf(Locale.ROOT, "result %s %s%n", key, value);
    }

    static double mibPerSecond(long bytes, long nanos) {
        return bytes / (1024.0 * 1024.0) / (nanos / 1e9);
    }
}
