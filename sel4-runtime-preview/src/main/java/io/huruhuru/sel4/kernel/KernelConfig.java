package io.huruhuru.sel4.kernel;

/**
 * The build-time configuration of one seL4 kernel: the CONFIG_* values the model's rules depend on.
 *
 * @param hypervisor CONFIG_ARM_HYPERVISOR_SUPPORT: the kernel runs at EL2 and hands out VCPUs (AArch64 only here)
 * @param paSizeBits the physical address size: CONFIG_ARM_PA_SIZE_BITS_40 or _44 on AArch64, chosen by the CPU
 *     (src/arch/arm/config.cmake:11-38); 47 on x86_64, whose KernelPaddrUserTop is 1 << 47
 *     (src/arch/x86/config.cmake:322)
 * @param tcbBits seL4_TCBBits: 11, or 12 with the debug API or large FPU state (constants.h)
 * @param paddrUserDeviceTop CONFIG_PADDR_USER_DEVICE_TOP, the end of the physical space handed out as device untyped
 * @param maxIrq maxIRQ of the platform's interrupt controller, the largest number IRQControl_Get accepts
 */
public record KernelConfig(
        Architecture architecture,
        boolean mcs,
        boolean hypervisor,
        int paSizeBits,
        int rootCNodeSizeBits,
        int numPriorities,
        int tcbBits,
        int retypeFanOutLimit,
        int maxBootInfoUntypeds,
        long paddrUserDeviceTop,
        int maxIrq) {

    /** The largest shared peripheral interrupt ID a GIC can have (INTIDs 32..1019), for platforms that do not say. */
    public static final int DEFAULT_MAX_IRQ = 1019;

    public static final int WORD_BITS = 64;
    public static final int SLOT_BITS = 5;
    public static final int PAGE_BITS = 12;
    public static final int MIN_UNTYPED_BITS = 4;
    public static final int MAX_UNTYPED_BITS = 47;
    public static final int MIN_SCHED_CONTEXT_BITS = 7;
    public static final int IPC_BUFFER_SIZE_BITS = 10;
    /**
     * The root CNode's size range on 64-bit kernels: "The acceptable range is 8-27 and 7-26, for 32-bit and
     * 64-bit respectively" (config.cmake:96-104, KernelRootCNodeSizeBits); boot.c:272-276 asserts it
     * (at least seL4_PageBits - seL4_SlotBits, below 32 - seL4_SlotBits).
     */
    public static final int MIN_ROOT_CNODE_BITS = 7;
    public static final int MAX_ROOT_CNODE_BITS = 26;
    /** CONFIG_MAX_NUM_NODES of a single-core kernel build: one SchedControl cap at boot. */
    public static final int MAX_NUM_NODES = 1;

    public KernelConfig {
        if (architecture == null) {
            throw new IllegalArgumentException("architecture is required");
        }
        if (rootCNodeSizeBits < MIN_ROOT_CNODE_BITS || rootCNodeSizeBits > MAX_ROOT_CNODE_BITS) {
            throw new IllegalArgumentException("rootCNodeSizeBits must be in [" + MIN_ROOT_CNODE_BITS + ", "
                    + MAX_ROOT_CNODE_BITS + "] on a 64-bit kernel, got " + rootCNodeSizeBits);
        }
        checkAddressSizes(architecture, hypervisor, paSizeBits, paddrUserDeviceTop);
        if (numPriorities < 1 || numPriorities > 256) {
            throw new IllegalArgumentException("numPriorities must be in [1, 256], got " + numPriorities);
        }
        if (tcbBits != 11 && tcbBits != 12) {
            throw new IllegalArgumentException("tcbBits must be 11 or 12, got " + tcbBits);
        }
        if (retypeFanOutLimit < 1) {
            throw new IllegalArgumentException("retypeFanOutLimit must be positive");
        }
        if (maxBootInfoUntypeds < 1) {
            throw new IllegalArgumentException("maxBootInfoUntypeds must be positive");
        }
        if (maxIrq < 0) {
            throw new IllegalArgumentException("maxIrq must not be negative");
        }
    }

    /**
     * A kernel without hypervisor support whose physical address size is the one its device top implies
     * (KernelPaddrUserTop = 1 << KernelArmPASizeBits on AArch64).
     */
    public KernelConfig(Architecture architecture, boolean mcs, int rootCNodeSizeBits, int numPriorities, int tcbBits,
                        int retypeFanOutLimit, int maxBootInfoUntypeds, long paddrUserDeviceTop, int maxIrq) {
        this(architecture, mcs, false, Long.numberOfTrailingZeros(paddrUserDeviceTop), rootCNodeSizeBits, numPriorities,
                tcbBits, retypeFanOutLimit, maxBootInfoUntypeds, paddrUserDeviceTop, maxIrq);
    }

    /** A configuration whose interrupt controller has the largest GIC's interrupt range. */
    public KernelConfig(Architecture architecture, boolean mcs, int rootCNodeSizeBits, int numPriorities, int tcbBits,
                        int retypeFanOutLimit, int maxBootInfoUntypeds, long paddrUserDeviceTop) {
        this(architecture, mcs, rootCNodeSizeBits, numPriorities, tcbBits, retypeFanOutLimit, maxBootInfoUntypeds,
                paddrUserDeviceTop, DEFAULT_MAX_IRQ);
    }

    private static void checkAddressSizes(Architecture architecture, boolean hypervisor, int paSizeBits,
                                          long paddrUserDeviceTop) {
        if (architecture == Architecture.AARCH64) {
            // config.cmake:13-36 sets KernelArmPASizeBits40 or 44 and KernelPaddrUserTop = 1 << that together.
            if (paSizeBits != 40 && paSizeBits != 44) {
                throw new IllegalArgumentException("an AArch64 kernel has a physical address size of 40 or 44 bits, got "
                        + paSizeBits);
            }
        } else {
            if (hypervisor) {
                throw new IllegalArgumentException("the model has no x86 VT-x: an x86_64 kernel cannot have hypervisor"
                        + " support here");
            }
            if (paSizeBits != 47) {
                throw new IllegalArgumentException("an x86_64 kernel hands out physical addresses up to 2^47, got "
                        + paSizeBits + " bits");
            }
        }
        if (paddrUserDeviceTop != 1L << paSizeBits) {
            throw new IllegalArgumentException("paddrUserDeviceTop must be 2^paSizeBits (0x"
                    + Long.toHexString(1L << paSizeBits) + "), got 0x" + Long.toHexString(paddrUserDeviceTop));
        }
    }

    /** The defaults of the seL4 build system: 256 priorities, fan-out 256, 230 boot info untypeds. */
    public static KernelConfig defaults(Architecture architecture, boolean mcs, int rootCNodeSizeBits, long paddrUserDeviceTop) {
        return new KernelConfig(architecture, mcs, rootCNodeSizeBits, 256, 11, 256, 230, paddrUserDeviceTop);
    }

    /** The user address space this kernel gives every VSpace. */
    public VSpaceGeometry vspace() {
        return VSpaceGeometry.of(architecture, hypervisor, paSizeBits);
    }

    /** The last user virtual address a mapping may touch (USER_TOP, inclusive). */
    public long userTop() {
        return vspace().userTop();
    }

    /** seL4_MaxPrio = CONFIG_NUM_PRIORITIES - 1 (libsel4/include/sel4/constants.h). */
    public int maxPriority() {
        return numPriorities - 1;
    }

    /** seL4_NotificationBits: 6 with MCS, 5 without (constants.h). */
    public int notificationBits() {
        return mcs ? 6 : 5;
    }
}
