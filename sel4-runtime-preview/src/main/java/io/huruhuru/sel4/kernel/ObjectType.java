package io.huruhuru.sel4.kernel;

import java.util.Optional;

/** A kind of kernel object that Untyped_Retype can create, named as libsel4 names it per architecture. */
public enum ObjectType {
    UNTYPED("seL4_UntypedObject", "seL4_UntypedObject"),
    TCB("seL4_TCBObject", "seL4_TCBObject"),
    ENDPOINT("seL4_EndpointObject", "seL4_EndpointObject"),
    NOTIFICATION("seL4_NotificationObject", "seL4_NotificationObject"),
    CNODE("seL4_CapTableObject", "seL4_CapTableObject"),
    SCHED_CONTEXT("seL4_SchedContextObject", "seL4_SchedContextObject"),
    REPLY("seL4_ReplyObject", "seL4_ReplyObject"),
    FRAME_4K("seL4_ARM_SmallPageObject", "seL4_X86_4K"),
    FRAME_2M("seL4_ARM_LargePageObject", "seL4_X86_LargePageObject"),
    FRAME_1G("seL4_ARM_HugePageObject", "seL4_X64_HugePageObject"),
    /** Every non-root paging level on AArch64; the lowest level (PT) on x86_64. */
    PAGE_TABLE("seL4_ARM_PageTableObject", "seL4_X86_PageTableObject"),
    PAGE_DIRECTORY(null, "seL4_X86_PageDirectoryObject"),
    PDPT(null, "seL4_X86_PDPTObject"),
    VSPACE("seL4_ARM_VSpaceObject", "seL4_X64_PML4Object"),
    /** A virtual CPU for a guest thread (seL4_ARM_VCPUObject, CONFIG_ARM_HYPERVISOR_SUPPORT); the model has no x86 VT-x. */
    VCPU("seL4_ARM_VCPUObject", null),
    /** Not retypable: made by ASIDControl_MakePool, listed for the boot reservation and reports. */
    ASID_POOL("seL4_ASIDPool", "seL4_ASIDPool");

    private final String aarch64Name;
    private final String x86Name;

    ObjectType(String aarch64Name, String x86Name) {
        this.aarch64Name = aarch64Name;
        this.x86Name = x86Name;
    }

    /** The libsel4 enumerator name, or empty when the type does not exist in this configuration. */
    public Optional<String> sel4Name(KernelConfig config) {
        if (!existsIn(config)) {
            return Optional.empty();
        }
        return Optional.ofNullable(config.architecture() == Architecture.AARCH64 ? aarch64Name : x86Name);
    }

    /** Whether the kernel's object type enumeration has this type (seL4_ObjectTypeCount bounds it). */
    public boolean existsIn(KernelConfig config) {
        if ((this == SCHED_CONTEXT || this == REPLY) && !config.mcs()) {
            return false;
        }
        if (this == ASID_POOL) {
            return false;
        }
        // seL4_ARM_VCPUObject is in the object type enumeration only with CONFIG_ARM_HYPERVISOR_SUPPORT
        // (libsel4/arch_include/arm/sel4/arch/objecttype.h:19-32).
        if (this == VCPU && !config.hypervisor()) {
            return false;
        }
        return (config.architecture() == Architecture.AARCH64 ? aarch64Name : x86Name) != null;
    }

    public String displayName(KernelConfig config) {
        String name = config.architecture() == Architecture.AARCH64 ? aarch64Name : x86Name;
        return name == null ? name() : name;
    }

    public boolean isFrame() {
        return this == FRAME_4K || this == FRAME_2M || this == FRAME_1G;
    }

    public boolean isPagingStructure() {
        return this == PAGE_TABLE || this == PAGE_DIRECTORY || this == PDPT;
    }

    /**
     * getObjectSize: the object's size in bits, given the user size argument where the type has one
     * (src/object/objecttype.c and the arch variants; sizes from libsel4 constants.h).
     */
    public long sizeBits(KernelConfig config, long userSize) {
        return switch (this) {
            case UNTYPED -> userSize;
            case TCB -> config.tcbBits();
            case ENDPOINT -> 4;
            case NOTIFICATION -> config.notificationBits();
            case CNODE -> userSize + KernelConfig.SLOT_BITS;
            case SCHED_CONTEXT -> userSize;
            case REPLY -> 5;
            case FRAME_4K -> 12;
            case FRAME_2M -> 21;
            case FRAME_1G -> 30;
            // seL4_VSpaceBits: 13 for a hypervisor kernel with 40-bit physical addresses (VSpaceGeometry).
            case VSPACE -> config.vspace().vspaceBits();
            // seL4_VCPUBits = 12 on AArch64 (libsel4 sel4_arch/constants.h).
            case PAGE_TABLE, PAGE_DIRECTORY, PDPT, ASID_POOL, VCPU -> 12;
        };
    }
}
