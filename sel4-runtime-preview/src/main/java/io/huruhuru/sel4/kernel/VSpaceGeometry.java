package io.huruhuru.sel4.kernel;

import java.util.List;

/**
 * The shape of a user address space as one kernel build has it: how many translation levels, the level the
 * root table is at, the root's size, and the highest user address the kernel maps.
 *
 * @param levels translation levels a user address goes through (UPT_LEVELS)
 * @param startLevel the Arm level of the root table: 0, or 1 when stage-2 translation starts at level 1
 * @param rootIndexBits seL4_VSpaceIndexBits: how many bits of an address the root table resolves
 * @param vspaceBits seL4_VSpaceBits: the size of the root table object
 * @param userTop the last user virtual address the kernel accepts in a mapping (inclusive, as USER_TOP)
 */
public record VSpaceGeometry(int levels, int startLevel, int rootIndexBits, int vspaceBits, long userTop) {

    /** seL4_PageTableIndexBits: every table below the root has 512 entries (sel4_arch/constants.h). */
    public static final int TABLE_INDEX_BITS = 9;

    /**
     * The geometry of a kernel configuration, as libsel4 and the kernel derive it.
     *
     * <p>AArch64 (libsel4/sel4_arch_include/aarch64/sel4/sel4_arch/constants.h:199-209 and 237-257,
     * include/config.h:16-20, include/arch/arm/arch/64/mode/machine/hardware.h:26-31): with
     * CONFIG_ARM_HYPERVISOR_SUPPORT and CONFIG_ARM_PA_SIZE_BITS_40, AARCH64_VSPACE_S2_START_L1 is set: three
     * levels from level 1, a root of two concatenated tables (seL4_VSpaceBits 13, seL4_VSpaceIndexBits 10) and
     * seL4_UserTop 0x000000ffffffffff. With 44-bit physical addresses: four levels, seL4_VSpaceBits 12 and
     * seL4_UserTop 0x00000fffffffffff. Without hypervisor support: four levels and seL4_UserTop 0x00007fffffffffff.
     *
     * <p>x86_64: a four-level PML4 (seL4_VSpaceBits = seL4_PML4Bits = 12, x86_64 sel4_arch/constants.h:51-54); the
     * kernel checks mappings against USER_TOP 0x7FFFFFFFFFFF (include/plat/pc99/plat/64/plat_mode/machine/
     * hardware.h:68, used by src/arch/x86/kernel/vspace.c:1005).
     */
    public static VSpaceGeometry of(Architecture architecture, boolean hypervisor, int paSizeBits) {
        if (architecture == Architecture.X86_64) {
            return new VSpaceGeometry(4, 0, TABLE_INDEX_BITS, 12, 0x00007fffffffffffL);
        }
        if (!hypervisor) {
            return new VSpaceGeometry(4, 0, TABLE_INDEX_BITS, 12, 0x00007fffffffffffL);
        }
        if (paSizeBits == 40) {
            return new VSpaceGeometry(3, 1, 10, 13, 0x000000ffffffffffL);
        }
        if (paSizeBits == 44) {
            return new VSpaceGeometry(4, 0, TABLE_INDEX_BITS, 12, 0x00000fffffffffffL);
        }
        // constants.h:251: #error "Unknown physical address width"
        throw new IllegalArgumentException("a hypervisor kernel needs a physical address size of 40 or 44 bits, got "
                + paSizeBits);
    }

    /** One past the last user address: where the user address space ends. */
    public long userLimit() {
        return userTop + 1;
    }

    /**
     * The address bits each table below the root covers, largest first (one table per window of that size):
     * 2^39 (PUD/PDPT), 2^30 (PD), 2^21 (PT) from level 0; 2^30 and 2^21 when the root is at level 1.
     */
    public List<Integer> tableWindowBits() {
        return switch (startLevel) {
            case 0 -> List.of(39, 30, 21);
            case 1 -> List.of(30, 21);
            default -> throw new IllegalStateException("root level " + startLevel);
        };
    }

    /** The Arm level (1..3) of a table covering a window of 2^bits bytes: 39 is level 1, 30 level 2, 21 level 3. */
    public static int levelOfWindow(int bits) {
        return switch (bits) {
            case 39 -> 1;
            case 30 -> 2;
            case 21 -> 3;
            default -> throw new IllegalArgumentException("no paging level covers 2^" + bits);
        };
    }
}
