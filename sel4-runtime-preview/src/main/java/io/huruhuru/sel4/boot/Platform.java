package io.huruhuru.sel4.boot;

import io.huruhuru.sel4.kernel.KernelConfig;
import java.util.List;

/**
 * A board as the kernel sees it at boot: its kernel configuration, RAM, the memory the kernel
 * image and device tree take, the device frames the kernel keeps, and the devices left to user level.
 *
 * @param kernelImage where the loader put the kernel image, up to ki_end (get_p_reg_kernel_img)
 * @param kernelBootBytes the boot-only part at the start of the kernel image, up to ki_boot_end
 *     (get_p_reg_kernel_img_boot, src/kernel/boot.c:27-36), which create_untypeds hands back as RAM untypeds
 * @param dtbBytes size of the device tree passed as extra boot info, 0 for none
 * @param kernelDevices device frames the kernel maps for itself and reserves (map_kernel_devices)
 * @param devices the devices left to user level, with the Linux device files that stand for them
 * @param devMemAllowed the platform's policy on {@code /dev/mem}: whether a service may ask for raw access to
 *     every device of the table
 */
public record Platform(
        String name,
        String description,
        String source,
        KernelConfig kernel,
        List<Region> memory,
        Region kernelImage,
        long kernelBootBytes,
        long dtbBytes,
        List<Device> kernelDevices,
        List<Device> devices,
        boolean devMemAllowed) {

    /** The device file that stands for raw physical memory; the platform policy decides whether it is offered. */
    public static final String DEV_MEM = "/dev/mem";

    /**
     * A named device region with its interrupts and the Linux device files ({@code /dev/i2c-1}) through which
     * a container asks for it.
     */
    public record Device(String name, long paddr, long size, List<Integer> irqs, List<String> nodes) {
        public Device {
            irqs = List.copyOf(irqs);
            nodes = List.copyOf(nodes);
        }

        public Device(String name, long paddr, long size, List<Integer> irqs) {
            this(name, paddr, size, irqs, List.of());
        }
    }

    /** A platform whose policy refuses {@code /dev/mem}. */
    public Platform(String name, String description, String source, KernelConfig kernel, List<Region> memory,
                    Region kernelImage, long kernelBootBytes, long dtbBytes, List<Device> kernelDevices,
                    List<Device> devices) {
        this(name, description, source, kernel, memory, kernelImage, kernelBootBytes, dtbBytes, kernelDevices, devices,
                false);
    }

    /** Whether the kernel is built with hypervisor support (CONFIG_ARM_HYPERVISOR_SUPPORT) and hands out VCPUs. */
    public boolean hypervisor() {
        return kernel.hypervisor();
    }

    /** The kernel's physical address size in bits (CONFIG_ARM_PA_SIZE_BITS_40 or _44; 47 on x86_64). */
    public int paSizeBits() {
        return kernel.paSizeBits();
    }

    /** Translation levels of a user address space (3 for a hypervisor kernel with 40-bit physical addresses). */
    public int vspaceLevels() {
        return kernel.vspace().levels();
    }

    /** The last user virtual address (USER_TOP, inclusive). */
    public long userTop() {
        return kernel.userTop();
    }

    /** The boot-only part of the kernel image, [start, ki_boot_end). */
    public Region kernelImageBoot() {
        return new Region(kernelImage.start(), kernelImage.start() + kernelBootBytes);
    }

    /** The user-level device a Linux device file stands for, if the platform has it. */
    public java.util.Optional<Device> deviceForNode(String node) {
        return devices.stream().filter(d -> d.nodes().contains(node)).findFirst();
    }

    public Platform {
        if (name == null || name.isBlank()) {
            throw new IllegalArgumentException("a platform needs a name");
        }
        if (memory == null || memory.isEmpty()) {
            throw new IllegalArgumentException("platform " + name + " has no RAM regions");
        }
        memory = List.copyOf(memory);
        kernelDevices = List.copyOf(kernelDevices);
        devices = List.copyOf(devices);
        for (int i = 1; i < memory.size(); i++) {
            // check_available_memory: regions must be ordered and must not overlap.
            if (Long.compareUnsigned(memory.get(i).start(), memory.get(i - 1).end()) < 0) {
                throw new IllegalArgumentException("platform " + name + ": RAM region " + i + " is out of order");
            }
        }
        if (dtbBytes < 0) {
            throw new IllegalArgumentException("dtbBytes must not be negative");
        }
        if (kernelBootBytes < 0 || kernelBootBytes > kernelImage.size()) {
            throw new IllegalArgumentException("platform " + name + ": the kernel's boot part must lie within its image");
        }
    }

    public long ramBytes() {
        return memory.stream().mapToLong(Region::size).sum();
    }
}
