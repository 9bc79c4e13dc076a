package io.huruhuru.sel4.vmm;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import io.huruhuru.sel4.app.MicroVm;
import io.huruhuru.sel4.report.Hex;
import java.util.ArrayList;
import java.util.List;

/**
 * A guest's physical memory map as a VMM lays it out before it starts the guest: RAM, the kernel Image at the
 * start of RAM, the DTB in the last 2 MiB, the initrd right below it, and one virtio-mmio window and interrupt
 * per device where the QEMU virt machine has them (hw/arm/virt.c: 0x0a000000, 0x200 bytes apart, SPI 16 on).
 * The rules are those libvmm's linux_setup_images and the CAmkES VMM check before copying images.
 */
public record GuestLayout(long ramBase, long ramBytes, long kernelEntry, long dtbAddress, List<Region> memoryMap,
                          List<VirtioDevice> devices) {

    public static final long LARGE_PAGE = 2L << 20;
    /** Linux arm64 booting.rst: "The device tree blob (dtb) must ... not exceed 2 megabytes in size". */
    public static final long MAX_DTB_BYTES = 2L << 20;
    public static final long VIRTIO_BASE = 0x0a000000L;
    public static final long VIRTIO_WINDOW = 0x200;
    /** QEMU virt has 32 virtio-mmio transports (NUM_VIRTIO_TRANSPORTS). */
    public static final int VIRTIO_TRANSPORTS = 32;
    /** The first transport's interrupt: GIC SPI 16, INTID 48. */
    public static final int VIRTIO_FIRST_IRQ = 48;
    /** The guest's vsock context ID; 2 is the host (the VMM), 3 the first guest (virtio-vsock spec). */
    public static final int GUEST_CID = 3;

    /** A named range of guest physical memory. */
    @JsonPropertyOrder({"name", "start", "end", "bytes"})
    public record Region(String name, String start, String end, long bytes) {
        static Region of(String name, long start, long end) {
            return new Region(name, Hex.of(start), Hex.of(end), end - start);
        }
    }

    /** A virtio-mmio device the VMM emulates: its window, its interrupt and what backs it. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    @JsonPropertyOrder({"kind", "name", "window", "irq", "image", "filesystem", "readOnly", "guestCid", "ports"})
    public record VirtioDevice(String kind, String name, String window, int irq, String image, String filesystem,
                               Boolean readOnly, Integer guestCid, List<Integer> ports) {
    }

    /** The outcome of laying out a guest: a layout, or the rule it breaks. */
    public sealed interface Decoded permits Placed, Violation {
    }

    public record Placed(GuestLayout layout) implements Decoded {
    }

    /** A VMM rule the guest breaks: its name, and the step (phase, action) that checks it. */
    public record Violation(String code, String phase, String action, String detail) implements Decoded {
    }

    public static Decoded of(MicroVm vm) {
        long base = vm.ramBase();
        long end = base + vm.ramBytes();
        if (base % LARGE_PAGE != 0) {
            return new Violation("vmm_RamBaseMisaligned", "guest RAM", "CheckRamBase", "guest RAM at " + Hex.of(base)
                    + " is not 2 MiB aligned; it is backed by 2 MiB frames and the kernel Image needs a 2 MiB aligned base");
        }
        if (vm.ramBytes() % LARGE_PAGE != 0) {
            return new Violation("vmm_RamSizeMisaligned", "guest RAM", "CheckRamSize", "guest RAM of " + vm.ramBytes()
                    + " bytes is not a whole number of 2 MiB frames");
        }
        if (vm.dtbBytes() > MAX_DTB_BYTES) {
            return new Violation("vmm_DtbTooLarge", "guest images", "PlaceImage dtb", "the DTB is " + vm.dtbBytes()
                    + " bytes; arm64 Linux accepts at most 2 MiB");
        }
        long kernelEnd = base + vm.kernelBytes();
        if (Long.compareUnsigned(kernelEnd, end) > 0) {
            return new Violation("vmm_ImageOutsideRam", "guest images", "PlaceImage kernel", "the kernel Image of "
                    + vm.kernelBytes() + " bytes at " + Hex.of(base) + " ends past guest RAM at " + Hex.of(end));
        }
        // The DTB takes the last 2 MiB block of RAM (8-byte aligned, as booting.rst asks); the initrd sits below it.
        long dtb = end - LARGE_PAGE;
        if (dtb < kernelEnd) {
            return new Violation("vmm_ImagesOverlap", "guest images", "PlaceImage dtb", "the DTB at " + Hex.of(dtb)
                    + " overlaps the kernel Image [" + Hex.of(base) + ", " + Hex.of(kernelEnd) + ")");
        }
        long initrd = (dtb - vm.initrdBytes()) & -4096L;
        if (Long.compareUnsigned(initrd, kernelEnd) < 0) {
            return new Violation("vmm_ImagesOverlap", "guest images", "PlaceImage initrd", "the initrd of "
                    + vm.initrdBytes() + " bytes below the DTB at " + Hex.of(dtb) + " would start at " + Hex.of(initrd)
                    + ", inside the kernel Image [" + Hex.of(base) + ", " + Hex.of(kernelEnd) + ")");
        }
        List<VirtioDevice> devices = devices(vm);
        if (devices.size() > VIRTIO_TRANSPORTS) {
            return new Violation("vmm_TooManyDevices", "virtio", "PlaceDevice " + devices.get(VIRTIO_TRANSPORTS).name(),
                    devices.size() + " virtio devices, but the guest's machine has " + VIRTIO_TRANSPORTS + " virtio-mmio windows");
        }
        long windowsEnd = VIRTIO_BASE + devices.size() * VIRTIO_WINDOW;
        if (!devices.isEmpty() && Long.compareUnsigned(base, windowsEnd) < 0 && Long.compareUnsigned(VIRTIO_BASE, end) < 0) {
            return new Violation("vmm_DeviceWindowOverlapsRam", "virtio", "PlaceDevice " + devices.get(0).name(),
                    "the virtio-mmio windows [" + Hex.of(VIRTIO_BASE) + ", " + Hex.of(windowsEnd) + ") overlap guest RAM ["
                            + Hex.of(base) + ", " + Hex.of(end) + ")");
        }
        List<Region> map = new ArrayList<>();
        for (int i = 0; i < devices.size(); i++) {
            long w = VIRTIO_BASE + i * VIRTIO_WINDOW;
            map.add(Region.of("virtio-mmio " + devices.get(i).name(), w, w + VIRTIO_WINDOW));
        }
        map.add(Region.of("RAM", base, end));
        map.add(Region.of("kernel", base, kernelEnd));
        if (vm.initrdBytes() > 0) {
            map.add(Region.of("initrd", initrd, initrd + vm.initrdBytes()));
        }
        map.add(Region.of("dtb", dtb, dtb + vm.dtbBytes()));
        return new Placed(new GuestLayout(base, vm.ramBytes(), base, dtb, List.copyOf(map), devices));
    }

    /** One read-only squashfs disk per layer (base first), one writable disk, one net device per interface, vsock. */
    private static List<VirtioDevice> devices(MicroVm vm) {
        List<VirtioDevice> out = new ArrayList<>();
        int disks = vm.layers().size() + 1;
        for (int i = 0; i < disks; i++) {
            boolean layer = i < vm.layers().size();
            out.add(new VirtioDevice("virtio-blk", "vd" + diskLetters(i), window(out.size()), irq(out.size()),
                    layer ? vm.layers().get(i) : "writable layer", layer ? "squashfs" : "ext4", layer, null, null));
        }
        for (String iface : vm.interfaces()) {
            out.add(new VirtioDevice("virtio-net", iface, window(out.size()), irq(out.size()), null, null, null, null, null));
        }
        if (!vm.vsockPorts().isEmpty()) {
            out.add(new VirtioDevice("virtio-vsock", "vsock", window(out.size()), irq(out.size()), null, null, null,
                    GUEST_CID, vm.vsockPorts()));
        }
        return out;
    }

    /** Linux's virtio_blk names: vda..vdz, then vdaa, vdab, ... */
    private static String diskLetters(int i) {
        return (i < 26 ? "" : diskLetters(i / 26 - 1)) + (char) ('a' + i % 26);
    }

    private static String window(int i) {
        return Hex.of(VIRTIO_BASE + i * VIRTIO_WINDOW) + "-" + Hex.of(VIRTIO_BASE + (i + 1) * VIRTIO_WINDOW);
    }

    private static int irq(int i) {
        return VIRTIO_FIRST_IRQ + i;
    }

    public long ramEnd() {
        return ramBase + ramBytes;
    }
}
