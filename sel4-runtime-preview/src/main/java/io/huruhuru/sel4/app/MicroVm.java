package io.huruhuru.sel4.app;

import java.util.HashSet;
import java.util.List;

/**
 * What makes an application a microVM: a Linux guest on a virtual machine monitor, with its RAM, boot images,
 * image layers as disks, network interfaces and vsock ports; the application's args and env are the
 * container's process inside the guest.
 *
 * @param ramBytes guest RAM, a multiple of 2 MiB (backed by 2 MiB frames)
 * @param ramBase guest physical address of RAM, 2 MiB aligned
 * @param layers the image's layers, base first; each becomes a read-only squashfs disk
 * @param interfaces virtio-net interfaces ({@code eth0}, ...)
 * @param vsockPorts ports the guest listens on over virtio-vsock
 * @param cwd the process's working directory
 */
public record MicroVm(
        long ramBytes,
        long ramBase,
        long kernelBytes,
        long dtbBytes,
        long initrdBytes,
        List<String> layers,
        List<String> interfaces,
        List<Integer> vsockPorts,
        String cwd) {

    public static final long MIB = 1L << 20;
    public static final long DEFAULT_RAM_BYTES = 256 * MIB;
    /** Where the QEMU virt machine, and the guests of libvmm's examples, have RAM. */
    public static final long DEFAULT_RAM_BASE = 0x40000000L;
    /** An arm64 Linux Image with virtio drivers built in; set it from the size of your guest kernel. */
    public static final long DEFAULT_KERNEL_BYTES = 24 * MIB;
    public static final long DEFAULT_DTB_BYTES = 64 * 1024;
    /** The koskit initrd: busybox, the init task and an OCI runtime. */
    public static final long DEFAULT_INITRD_BYTES = 8 * MIB;

    public MicroVm {
        if (ramBytes <= 0 || kernelBytes <= 0 || dtbBytes <= 0 || initrdBytes < 0 || ramBase < 0) {
            throw new IllegalArgumentException("guest RAM and the kernel and DTB sizes must be positive");
        }
        layers = List.copyOf(layers);
        interfaces = List.copyOf(interfaces);
        vsockPorts = List.copyOf(vsockPorts);
        for (String i : interfaces) {
            if (!i.matches("eth[0-9]{1,3}")) {
                throw new IllegalArgumentException("network interface '" + i + "' is not named eth0, eth1, ...");
            }
        }
        if (new HashSet<>(interfaces).size() != interfaces.size()) {
            throw new IllegalArgumentException("a network interface is listed twice");
        }
        for (int p : vsockPorts) {
            if (p < 1) {
                throw new IllegalArgumentException("vsock port " + p + " is not a positive port number");
            }
        }
        if (new HashSet<>(vsockPorts).size() != vsockPorts.size()) {
            throw new IllegalArgumentException("a vsock port is listed twice");
        }
        if (cwd == null || !cwd.startsWith("/")) {
            throw new IllegalArgumentException("the working directory must be an absolute path");
        }
    }

    /** A guest with every default: 256 MiB of RAM at 1 GiB, no network, no vsock, working directory /. */
    public static MicroVm withLayers(List<String> layers) {
        return new MicroVm(DEFAULT_RAM_BYTES, DEFAULT_RAM_BASE, DEFAULT_KERNEL_BYTES, DEFAULT_DTB_BYTES,
                DEFAULT_INITRD_BYTES, layers, List.of(), List.of(), "/");
    }

    /**
     * The VMM's own program when a description names none: a statically linked AArch64 VMM shaped like a
     * libvmm build (256 KiB of text at 4 MiB, 64 KiB of data and BSS), an estimate to replace by a real ELF.
     */
    public static ElfImage defaultVmmImage() {
        return new ElfImage(false, 183, 0x400000L, List.of(
                new Segment(0x400000L, 0x40000L, 0x40000L, 0, Segment.PF_R | Segment.PF_X),
                new Segment(0x450000L, 0x10000L, 0x4000L, 0x40000L, Segment.PF_R | Segment.PF_W)));
    }
}
