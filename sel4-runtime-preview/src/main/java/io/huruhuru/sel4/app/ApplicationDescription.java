package io.huruhuru.sel4.app;

import java.util.HashSet;
import java.util.List;

/**
 * A native application as the root server boots it: its ELF image and what it asks of the system
 * (the koskit labels heap_pages, ut_large_page, ut_4k_pages, priority, max_priority, publishes).
 */
public record ApplicationDescription(
        String name,
        ElfImage elf,
        int heapPages,
        int utLargePages,
        int ut4kPages,
        int priority,
        int maxPriority,
        int stackPages,
        List<String> publishes,
        List<String> args,
        List<String> env) {

    /** Defaults for what a description leaves out. */
    public static final int DEFAULT_HEAP_PAGES = 256;
    public static final int DEFAULT_STACK_PAGES = 4;
    public static final int DEFAULT_PRIORITY = 100;

    public ApplicationDescription {
        if (name == null || !name.matches("[A-Za-z0-9][A-Za-z0-9._-]{0,63}")) {
            throw new IllegalArgumentException("an application name is 1 to 64 letters, digits, '.', '_' or '-'");
        }
        if (elf == null) {
            throw new IllegalArgumentException("application " + name + " has no ELF image");
        }
        requireNonNegative("heapPages", heapPages);
        requireNonNegative("utLargePages", utLargePages);
        requireNonNegative("ut4kPages", ut4kPages);
        requireNonNegative("priority", priority);
        requireNonNegative("maxPriority", maxPriority);
        if (stackPages < 1) {
            throw new IllegalArgumentException("stackPages must be at least 1");
        }
        publishes = List.copyOf(publishes);
        args = List.copyOf(args);
        env = List.copyOf(env);
        if (new HashSet<>(publishes).size() != publishes.size()) {
            throw new IllegalArgumentException("application " + name + " publishes a protocol twice");
        }
    }

    /** A description with every default: 256 heap pages, 4 stack pages, priority and MCP 100, no untypeds. */
    public static ApplicationDescription withDefaults(String name, ElfImage elf) {
        return new ApplicationDescription(name, elf, DEFAULT_HEAP_PAGES, 0, 0, DEFAULT_PRIORITY, DEFAULT_PRIORITY,
                DEFAULT_STACK_PAGES, List.of(), List.of("/" + name), List.of());
    }

    private static void requireNonNegative(String field, int value) {
        if (value < 0) {
            throw new IllegalArgumentException(field + " must not be negative, got " + value);
        }
    }
}
