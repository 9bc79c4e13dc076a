package io.huruhuru.sel4.cpu;

/** The memory an application's code sees: the 4 KiB pages its VSpace maps, with their rights. */
public interface AddressSpace {
    /** The page that holds {@code vaddr} (any address inside it), or null when nothing is mapped there. */
    Page page(long vaddr);

    /** For an address {@link #page} has no page for: where the walk stopped (the fault status code's level). */
    default Miss miss(long vaddr) {
        return Miss.LEVEL_3;
    }
}
