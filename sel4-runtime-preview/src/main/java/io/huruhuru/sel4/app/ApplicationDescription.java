package io.huruhuru.sel4.app;

import java.util.HashSet;
import java.util.List;
import java.util.Optional;

/**
 * An application as the root server boots it: its ELF image and what it asks of the system (the koskit
 * labels heap_pages, ut_large_page, ut_4k_pages, priority, max_priority, publishes), the protocols it
 * consumes and, for a microVM, its guest (then the ELF is the VMM's and args and env are the guest's process).
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
        List<String> env,
        List<String> consumes,
        Optional<MicroVm> microVm) {

    /** Defaults for what a description leaves out. */
    public static final int DEFAULT_HEAP_PAGES = 256;
    /**
     * 16 pages (64 KiB): what a root server built on seL4_libs gives a process it spawns
     * (libsel4utils CMakeLists.txt, LibSel4UtilsStackSize DEFAULT 65536); the budget check counts the same.
     */
    public static final int DEFAULT_STACK_PAGES = 16;
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
        consumes = List.copyOf(consumes);
        if (microVm == null) {
            throw new IllegalArgumentException("microVm must be present or empty");
        }
        if (new HashSet<>(publishes).size() != publishes.size()) {
            throw new IllegalArgumentException("application " + name + " publishes a protocol twice");
        }
        if (new HashSet<>(consumes).size() != consumes.size()) {
            throw new IllegalArgumentException("application " + name + " consumes a protocol twice");
        }
    }

    /** A native application that consumes no protocol. */
    public ApplicationDescription(String name, ElfImage elf, int heapPages, int utLargePages, int ut4kPages,
                                  int priority, int maxPriority, int stackPages, List<String> publishes,
                                  List<String> args, List<String> env) {
        this(name, elf, heapPages, utLargePages, ut4kPages, priority, maxPriority, stackPages, publishes, args, env,
                List.of(), Optional.empty());
    }

    public ApplicationDescription withName(String newName) {
        return new ApplicationDescription(newName, elf, heapPages, utLargePages, ut4kPages, priority, maxPriority,
                stackPages, publishes, args, env, consumes, microVm);
    }

    /** The same application with the process's arguments and environment a compose service gives it. */
    public ApplicationDescription withProcess(List<String> newArgs, List<String> newEnv) {
        return new ApplicationDescription(name, elf, heapPages, utLargePages, ut4kPages, priority, maxPriority,
                stackPages, publishes, newArgs, newEnv, consumes, microVm);
    }

    public ApplicationDescription withConsumes(List<String> protocols) {
        return new ApplicationDescription(name, elf, heapPages, utLargePages, ut4kPages, priority, maxPriority,
                stackPages, publishes, args, env, protocols, microVm);
    }

    public ApplicationDescription withMicroVm(MicroVm vm) {
        return new ApplicationDescription(name, elf, heapPages, utLargePages, ut4kPages, priority, maxPriority,
                stackPages, publishes, args, env, consumes, Optional.of(vm));
    }

    /** A description with every default: 256 heap pages, 16 stack pages, priority and MCP 100, no untypeds. */
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
