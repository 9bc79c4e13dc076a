package io.huruhuru.sel4.cpu;

/** The memory an application's code sees: the 4 KiB pages its VSpace maps, with their rights. */
public interface AddressSpace {
    /** The page that holds {@code vaddr} (any address inside it), or null when nothing is mapped there. */
    Page page(long vaddr);
}
