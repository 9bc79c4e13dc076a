package io.huruhuru.sel4.vspace;

import io.huruhuru.sel4.cspace.Capability;
import io.huruhuru.sel4.cspace.Capability.AsidPoolCap;
import io.huruhuru.sel4.cspace.Capability.FrameCap;
import io.huruhuru.sel4.cspace.Capability.Mapping;
import io.huruhuru.sel4.cspace.Capability.PageTableCap;
import io.huruhuru.sel4.cspace.Capability.VSpaceCap;
import io.huruhuru.sel4.cspace.Rights;
import io.huruhuru.sel4.cspace.Slot;
import io.huruhuru.sel4.kernel.Architecture;
import io.huruhuru.sel4.kernel.Kernel;
import io.huruhuru.sel4.kernel.ObjectType;
import io.huruhuru.sel4.kernel.SyscallError;
import java.util.Optional;

/** Address space invocations with the checks of src/arch/arm/64/kernel/vspace.c (x86_64 where it differs). */
public final class VSpaceInvocations {

    private VSpaceInvocations() {
    }

    /** seL4_ASIDPool_Assign: gives a VSpace the lowest free ASID of the pool; a full pool is seL4_DeleteFirst. */
    public static Optional<SyscallError> assignAsid(Kernel kernel, Slot pool, Slot vspace) {
        if (!(kernel.caps().get(pool) instanceof AsidPoolCap)) {
            return Optional.of(new SyscallError.InvalidCapability(0, "the invoked capability is not an ASID pool"));
        }
        if (!(kernel.caps().get(vspace) instanceof VSpaceCap v) || v.asid().isPresent()) {
            return Optional.of(new SyscallError.InvalidCapability(1, "the address space already has an ASID"));
        }
        // ASID 0 is asidInvalid and never handed out.
        for (int asid = 1; asid < Kernel.ASID_POOL_ENTRIES; asid++) {
            if (!kernel.asidInUse(asid)) {
                kernel.bindAsid(asid, v.paddr());
                kernel.caps().update(vspace, new VSpaceCap(v.paddr(), Optional.of(asid)));
                return Optional.empty();
            }
        }
        return Optional.of(new SyscallError.DeleteFirst("the ASID pool has no free entry for another address space"));
    }

    /**
     * seL4_ARM_PageTable_Map (decodeARMPageTableInvocation): the table goes into the first missing level
     * on the way to vaddr; on x86_64 each structure type has its own level (PDPT, page directory, page table).
     */
    public static Optional<SyscallError> mapTable(Kernel kernel, Slot table, Slot vspaceSlot, long vaddr) {
        if (!(kernel.caps().get(table) instanceof PageTableCap pt)) {
            return Optional.of(new SyscallError.IllegalOperation("the invoked capability is not a paging structure"));
        }
        if (pt.mapping().isPresent()) {
            return Optional.of(new SyscallError.InvalidCapability(0, "the paging structure is already mapped"));
        }
        Optional<VSpace> found = validRoot(kernel, vspaceSlot);
        if (found.isEmpty()) {
            return Optional.of(new SyscallError.InvalidCapability(1, "the address space has no ASID yet"));
        }
        if (Long.compareUnsigned(vaddr, kernel.config().userTop()) > 0) {
            return Optional.of(new SyscallError.InvalidArgument(0, "the address lies above the user address space"));
        }
        VSpace vs = found.get();
        VSpace.SlotLookup slot = vs.lookupSlot(vaddr);
        int wanted = expectedBitsLeft(kernel.config().architecture(), pt.type());
        if (wanted > 0 && slot.bitsLeft() > wanted) {
            return Optional.of(new SyscallError.FailedLookup(false, slot.bitsLeft(),
                    "a higher-level paging structure is missing above 0x" + Long.toHexString(vaddr)));
        }
        if (slot.bitsLeft() == 12 || slot.valid() || (wanted > 0 && slot.bitsLeft() < wanted)) {
            return Optional.of(new SyscallError.DeleteFirst(
                    "a paging structure or large frame is already present at 0x" + Long.toHexString(vaddr)));
        }
        int level = levelForBitsLeft(slot.bitsLeft());
        vs.addTable(level, vaddr, pt.paddr());
        long windowBase = vaddr & ~((1L << slot.bitsLeft()) - 1);
        kernel.caps().update(table, pt.mappedAt(new Mapping(vs.paddr(), windowBase)));
        return Optional.empty();
    }

    /** seL4_ARM_Page_Map with seL4_ARM_Default_VMAttributes (cacheable). */
    public static Optional<SyscallError> mapFrame(Kernel kernel, Slot frame, Slot vspaceSlot, long vaddr, Rights rights) {
        return mapFrame(kernel, frame, vspaceSlot, vaddr, rights, true);
    }

    /**
     * seL4_ARM_Page_Map (decodeARMFrameInvocation), in the kernel's order of checks; cacheable false is the
     * attribute word without seL4_ARM_PageCacheable, the mapping device registers need.
     */
    public static Optional<SyscallError> mapFrame(Kernel kernel, Slot frame, Slot vspaceSlot, long vaddr, Rights rights,
                                                  boolean cacheable) {
        return mapFrame(kernel, frame, vspaceSlot, vaddr, rights, cacheable, false);
    }

    /**
     * seL4_ARM_Page_Map with seL4_ARM_ExecuteNever in the attributes when executeNever: the entry's AP bits come
     * from maskVMRights (src/arch/arm/64/kernel/vspace.c): read and write give read-write, read alone read-only,
     * and anything without read kernel-only; UXN from the attribute.
     */
    public static Optional<SyscallError> mapFrame(Kernel kernel, Slot frame, Slot vspaceSlot, long vaddr, Rights rights,
                                                  boolean cacheable, boolean executeNever) {
        Capability cap = kernel.caps().get(frame);
        if (!(cap instanceof FrameCap f)) {
            return Optional.of(new SyscallError.IllegalOperation("the invoked capability is not a frame"));
        }
        Optional<VSpace> found = validRoot(kernel, vspaceSlot);
        if (found.isEmpty()) {
            return Optional.of(new SyscallError.InvalidCapability(1, "the address space has no ASID yet"));
        }
        VSpace vs = found.get();
        int pageBits = (int) f.type().sizeBits(kernel.config(), 0);
        if ((vaddr & ((1L << pageBits) - 1)) != 0) {
            return Optional.of(new SyscallError.AlignmentError("0x" + Long.toHexString(vaddr)
                    + " is not aligned to the frame size of 2^" + pageBits + " bytes"));
        }
        if (f.mapping().isPresent()) {
            Mapping m = f.mapping().get();
            if (m.vspace() != vs.paddr()) {
                return Optional.of(new SyscallError.InvalidCapability(1, "the frame is mapped in another address space"));
            }
            if (m.vaddr() != vaddr) {
                return Optional.of(new SyscallError.InvalidArgument(0, "the frame is already mapped at another address"));
            }
        } else if (Long.compareUnsigned(vaddr + (1L << pageBits) - 1, kernel.config().userTop()) > 0) {
            return Optional.of(new SyscallError.InvalidArgument(0, "the frame would end above the user address space"));
        }
        VSpace.SlotLookup slot = vs.lookupSlot(vaddr);
        if (slot.bitsLeft() != pageBits) {
            return Optional.of(new SyscallError.FailedLookup(false, slot.bitsLeft(),
                    "no " + missingStructure(kernel.config().architecture(), slot.bitsLeft())
                            + " covers 0x" + Long.toHexString(vaddr)));
        }
        // The kernel writes the entry whether or not one was there (performPageInvocationMap); the
        // root server model never maps over a live entry, so a valid slot here is a model bug.
        Rights vmRights = f.rights().mask(rights);
        int access = !vmRights.read() ? 0
                : vmRights.write() ? VSpace.ACCESS_READ | VSpace.ACCESS_WRITE : VSpace.ACCESS_READ;
        if (!executeNever && access != 0) {
            access |= VSpace.ACCESS_EXECUTE;
        }
        vs.mapFrame(vaddr, f.type(), f.paddr(), cacheable, access);
        kernel.caps().update(frame, new FrameCap(f.paddr(), f.type(), f.rights().mask(rights), f.isDevice(),
                Optional.of(new Mapping(vs.paddr(), vaddr))));
        return Optional.empty();
    }

    /**
     * seL4_ARM_Page_Unmap (performPageInvocationUnmap, src/arch/arm/64/kernel/vspace.c): removes the frame's entry
     * from the address space it is mapped in, if any, and clears the cap's mapping; the cap's rights stay.
     */
    public static Optional<SyscallError> unmapFrame(Kernel kernel, Slot frame) {
        if (!(kernel.caps().get(frame) instanceof FrameCap f)) {
            return Optional.of(new SyscallError.IllegalOperation("the invoked capability is not a frame"));
        }
        if (f.mapping().isPresent()) {
            Mapping m = f.mapping().get();
            kernel.vspace(m.vspace()).ifPresent(v -> v.unmapFrame(m.vaddr(), f.type()));
        }
        kernel.caps().update(frame, new FrameCap(f.paddr(), f.type(), f.rights(), f.isDevice(), Optional.empty()));
        return Optional.empty();
    }

    private static Optional<VSpace> validRoot(Kernel kernel, Slot vspaceSlot) {
        if (kernel.caps().get(vspaceSlot) instanceof VSpaceCap v && v.asid().isPresent()) {
            return kernel.vspaceForAsid(v.asid().get()).flatMap(kernel::vspace);
        }
        return Optional.empty();
    }

    private static int expectedBitsLeft(Architecture arch, ObjectType type) {
        if (arch == Architecture.AARCH64) {
            return 0;
        }
        return switch (type) {
            case PDPT -> 39;
            case PAGE_DIRECTORY -> 30;
            default -> 21;
        };
    }

    private static int levelForBitsLeft(int bitsLeft) {
        return switch (bitsLeft) {
            case 39 -> 1;
            case 30 -> 2;
            default -> 3;
        };
    }

    private static String missingStructure(Architecture arch, int bitsLeft) {
        return switch (bitsLeft) {
            case 39 -> VSpace.levelName(arch, 1);
            case 30 -> VSpace.levelName(arch, 2);
            case 21 -> VSpace.levelName(arch, 3);
            default -> "paging structure of the right level";
        };
    }
}
