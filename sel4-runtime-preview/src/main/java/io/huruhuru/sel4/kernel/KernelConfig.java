package io.huruhuru.sel4.kernel;

/**
 * The build-time configuration of one seL4 kernel: the CONFIG_* values the model's rules depend on.
 *
 * @param tcbBits seL4_TCBBits: 11, or 12 with the debug API or large FPU state (constants.h)
 * @param paddrUserDeviceTop CONFIG_PADDR_USER_DEVICE_TOP, the end of the physical space handed out as device untyped
 * @param maxIrq maxIRQ of the platform's interrupt controller, the largest number IRQControl_Get accepts
 */
public record KernelConfig(
        Architecture architecture,
        boolean mcs,
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

    public KernelConfig {
        if (architecture == null) {
            throw new IllegalArgumentException("architecture is required");
        }
        // boot.c asserts the root CNode can hold the initial caps; 4 bits is far too few in practice.
        if (rootCNodeSizeBits < 4 || rootCNodeSizeBits > 27) {
            throw new IllegalArgumentException("rootCNodeSizeBits must be in [4, 27], got " + rootCNodeSizeBits);
        }
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

    /** A configuration whose interrupt controller has the largest GIC's interrupt range. */
    public KernelConfig(Architecture architecture, boolean mcs, int rootCNodeSizeBits, int numPriorities, int tcbBits,
                        int retypeFanOutLimit, int maxBootInfoUntypeds, long paddrUserDeviceTop) {
        this(architecture, mcs, rootCNodeSizeBits, numPriorities, tcbBits, retypeFanOutLimit, maxBootInfoUntypeds,
                paddrUserDeviceTop, DEFAULT_MAX_IRQ);
    }

    /** The defaults of the seL4 build system: 256 priorities, fan-out 256, 230 boot info untypeds. */
    public static KernelConfig defaults(Architecture architecture, boolean mcs, int rootCNodeSizeBits, long paddrUserDeviceTop) {
        return new KernelConfig(architecture, mcs, rootCNodeSizeBits, 256, 11, 256, 230, paddrUserDeviceTop);
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
