package io.huruhuru.sel4.boot;

import io.huruhuru.sel4.kernel.Architecture;
import io.huruhuru.sel4.kernel.KernelConfig;

/**
 * The extra boot info a kernel passes behind the boot info frame: chunks each led by a seL4_BootInfoHeader
 * (libsel4/include/sel4/bootinfo_types.h), the device tree on Arm, the memory map and timer frequency on x86.
 */
final class ExtraBootInfo {

    /** sizeof(seL4_BootInfoHeader): an id word and a length word (bootinfo_types.h:115-122). */
    static final int HEADER_BYTES = 2 * Long.BYTES;
    /** SEL4_MULTIBOOT_MAX_MMAP_ENTRIES (libsel4/arch_include/x86/sel4/arch/bootinfo_types.h:9). */
    static final int X86_MMAP_ENTRIES = 50;
    /** sizeof(seL4_X86_mb_mmap_t), packed: size u32, base_addr u64, length u64, type u32 (bootinfo_types.h:118-123). */
    static final int X86_MMAP_ENTRY_BYTES = 4 + 8 + 8 + 4;
    /** sizeof(seL4_X86_BootInfo_mmap_t): header, mmap_length u32 and the entry array (bootinfo_types.h:125-129). */
    static final int X86_MMAP_BYTES = HEADER_BYTES + 4 + X86_MMAP_ENTRIES * X86_MMAP_ENTRY_BYTES;
    /** sizeof(acpi_rsdp_t), an ACPI 2.0 RSDP (include/plat/pc99/plat/machine/acpi.h:32-43). */
    static final int X86_ACPI_RSDP_BYTES = 36;
    /** The TSC frequency chunk: a header and a 32-bit frequency (src/arch/x86/kernel/boot.c:139-140). */
    static final int X86_TSC_FREQ_BYTES = HEADER_BYTES + 4;

    private ExtraBootInfo() {
    }

    /**
     * extra_bi_size. Arm: a header and the device tree when the loader passed one (src/arch/arm/kernel/boot.c:407).
     * x86: always the ACPI RSDP copy (boot_sys.c passes &boot_state.acpi_rsdp, never NULL), the multiboot memory
     * map and the TSC frequency (src/arch/x86/kernel/boot.c:129-140); no VBE or framebuffer chunk, as a machine
     * booted without a video mode has none.
     */
    static long bytes(Platform platform) {
        if (platform.kernel().architecture() == Architecture.X86_64) {
            return HEADER_BYTES + X86_ACPI_RSDP_BYTES + X86_MMAP_BYTES + X86_TSC_FREQ_BYTES;
        }
        return platform.dtbBytes() == 0 ? 0 : HEADER_BYTES + platform.dtbBytes();
    }

    /**
     * The frame caps backing the extra boot info. Arm maps [extra_bi, extra_bi + extra_bi_size), one frame per
     * page the bytes touch (src/arch/arm/kernel/boot.c:503-506); x86 maps the whole 2^extra_bi_size_bits block
     * (src/arch/x86/kernel/boot.c:177-180).
     */
    static int frames(Architecture architecture, long bytes, int sizeBits) {
        if (bytes == 0) {
            return 0;
        }
        long page = 1L << KernelConfig.PAGE_BITS;
        long covered = architecture == Architecture.X86_64 ? 1L << sizeBits : bytes;
        return (int) ((covered + page - 1) / page);
    }
}
