package io.huruhuru.sel4.boot;

/** The root server's ELF image as the loader hands it to the kernel: its virtual start and its size in bytes. */
public record RootServerImage(long vaddr, long bytes) {

    /**
     * The Huruhuru root server model's own image: 1 MiB at 4 MiB, so image, IPC buffer and boot info
     * frame share one 2 MiB window (one PUD, one PD and one PT).
     */
    public static final RootServerImage DEFAULT = new RootServerImage(0x400000L, 0x100000L);

    public RootServerImage {
        if ((vaddr & 0xfff) != 0) {
            throw new IllegalArgumentException("the root server image must start on a page boundary");
        }
        if (bytes <= 0) {
            throw new IllegalArgumentException("the root server image must not be empty");
        }
    }
}
