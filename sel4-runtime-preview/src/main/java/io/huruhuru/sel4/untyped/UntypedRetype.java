package io.huruhuru.sel4.untyped;

import io.huruhuru.sel4.cspace.Capability;
import io.huruhuru.sel4.cspace.Capability.CNodeCap;
import io.huruhuru.sel4.cspace.Capability.UntypedCap;
import io.huruhuru.sel4.cspace.Slot;
import io.huruhuru.sel4.kernel.Kernel;
import io.huruhuru.sel4.kernel.KernelConfig;
import io.huruhuru.sel4.kernel.ObjectType;
import io.huruhuru.sel4.kernel.Result;
import io.huruhuru.sel4.kernel.SyscallError;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** seL4_Untyped_Retype, split as the kernel splits it: decodeUntypedInvocation then invokeUntyped_Retype. */
public final class UntypedRetype {

    /** A retype that passed every check and can no longer fail. */
    public record Invocation(
            Slot untyped, boolean reset, long alignedFreeRef, ObjectType type, long userSize, int objectBits,
            long destCNode, int nodeOffset, int nodeWindow, boolean isDevice) {
    }

    /** One object the retype made: where it lives and the slot holding its original cap. */
    public record Created(long paddr, Slot slot) {
    }

    private UntypedRetype() {
    }

    /** Decodes and, when every check passes, performs the retype. */
    public static Result<List<Created>> retype(Kernel kernel, Slot untyped, RetypeRequest request) {
        Result<Invocation> decoded = decode(kernel, untyped, request);
        if (decoded instanceof Result.Err<Invocation> err) {
            return Result.err(err.error());
        }
        return Result.ok(invoke(kernel, ((Result.Ok<Invocation>) decoded).value()));
    }

    /** Every check of decodeUntypedInvocation (src/object/untyped.c), in the kernel's order. */
    public static Result<Invocation> decode(Kernel kernel, Slot untypedSlot, RetypeRequest r) {
        KernelConfig config = kernel.config();
        if (!(kernel.caps().get(untypedSlot) instanceof UntypedCap ut)) {
            return Result.err(new SyscallError.IllegalOperation("only an untyped capability can be retyped"));
        }
        if (!r.type().existsIn(config)) {
            return Result.err(new SyscallError.InvalidArgument(0,
                    r.type() + " is not an object type of this kernel configuration"));
        }
        long objectSize = r.type().sizeBits(config, r.userSize());
        if (r.userSize() >= KernelConfig.WORD_BITS || r.userSize() < 0 || objectSize > KernelConfig.MAX_UNTYPED_BITS) {
            return Result.err(new SyscallError.RangeError(0, KernelConfig.MAX_UNTYPED_BITS,
                    "the object size must stay within 2^" + KernelConfig.MAX_UNTYPED_BITS + " bytes"));
        }
        if (r.type() == ObjectType.CNODE && r.userSize() == 0) {
            return Result.err(new SyscallError.InvalidArgument(1, "a CNode needs at least one radix bit"));
        }
        if (r.type() == ObjectType.UNTYPED && r.userSize() < KernelConfig.MIN_UNTYPED_BITS) {
            return Result.err(new SyscallError.InvalidArgument(1,
                    "an untyped object must be at least 2^" + KernelConfig.MIN_UNTYPED_BITS + " bytes"));
        }
        if (config.mcs() && r.type() == ObjectType.SCHED_CONTEXT && r.userSize() < KernelConfig.MIN_SCHED_CONTEXT_BITS) {
            return Result.err(new SyscallError.InvalidArgument(1,
                    "a scheduling context must be at least 2^" + KernelConfig.MIN_SCHED_CONTEXT_BITS + " bytes"));
        }
        Capability rootCap = kernel.caps().get(r.root());
        Capability nodeCap;
        if (r.nodeDepth() == 0) {
            nodeCap = rootCap;
        } else {
            Result<Slot> found = kernel.lookup().lookupTargetSlot(rootCap, r.nodeIndex(), r.nodeDepth());
            if (found instanceof Result.Err<Slot> err) {
                return Result.err(err.error());
            }
            nodeCap = kernel.caps().get(((Result.Ok<Slot>) found).value());
        }
        if (!(nodeCap instanceof CNodeCap cnode)) {
            return Result.err(new SyscallError.FailedLookup(false, r.nodeDepth(),
                    "the destination of the new capabilities is not a CNode"));
        }
        long nodeSize = 1L << cnode.radix();
        if (r.nodeOffset() < 0 || r.nodeOffset() > nodeSize - 1) {
            return Result.err(new SyscallError.RangeError(0, nodeSize - 1,
                    "the destination offset lies outside the CNode's " + nodeSize + " slots"));
        }
        if (r.nodeWindow() < 1 || r.nodeWindow() > config.retypeFanOutLimit()) {
            return Result.err(new SyscallError.RangeError(1, config.retypeFanOutLimit(),
                    "one retype creates between 1 and " + config.retypeFanOutLimit() + " objects (CONFIG_RETYPE_FAN_OUT_LIMIT)"));
        }
        if (r.nodeWindow() > nodeSize - r.nodeOffset()) {
            return Result.err(new SyscallError.RangeError(1, nodeSize - r.nodeOffset(),
                    "the destination window runs past the end of the CNode"));
        }
        for (long i = r.nodeOffset(); i < r.nodeOffset() + r.nodeWindow(); i++) {
            if (!kernel.caps().isEmpty(new Slot(cnode.paddr(), (int) i))) {
                return Result.err(new SyscallError.DeleteFirst("destination slot " + i + " is not empty"));
            }
        }
        // An untyped without children starts again from its base whatever its watermark says.
        boolean reset = !kernel.caps().hasChildren(untypedSlot);
        long freeBytes = reset ? 0 : ut.freeBytes();
        long freeRef = ut.paddr() + freeBytes;
        long untypedFreeBytes = (1L << ut.sizeBits()) - freeBytes;
        if ((untypedFreeBytes >>> objectSize) < r.nodeWindow()) {
            return Result.err(new SyscallError.NotEnoughMemory(untypedFreeBytes,
                    "the untyped at 0x" + Long.toHexString(ut.paddr()) + " has " + untypedFreeBytes
                            + " bytes left, " + r.nodeWindow() + " x " + (1L << objectSize) + " bytes are needed"));
        }
        if (ut.isDevice() && !r.type().isFrame() && r.type() != ObjectType.UNTYPED) {
            return Result.err(new SyscallError.InvalidArgument(1,
                    "device memory can only become frames or smaller untypeds, not kernel objects"));
        }
        long aligned = alignUp(freeRef, (int) objectSize);
        return Result.ok(new Invocation(untypedSlot, reset, aligned, r.type(), r.userSize(), (int) objectSize,
                cnode.paddr(), (int) r.nodeOffset(), (int) r.nodeWindow(), ut.isDevice()));
    }

    /** invokeUntyped_Retype and createNewObjects: moves the watermark and inserts the new caps as children. */
    public static List<Created> invoke(Kernel kernel, Invocation inv) {
        UntypedCap ut = (UntypedCap) kernel.caps().get(inv.untyped());
        long end = inv.alignedFreeRef() + ((long) inv.nodeWindow() << inv.objectBits());
        kernel.caps().update(inv.untyped(), ut.withFreeBytes(end - ut.paddr()));
        List<Created> created = new ArrayList<>(inv.nodeWindow());
        for (int i = 0; i < inv.nodeWindow(); i++) {
            long paddr = inv.alignedFreeRef() + ((long) i << inv.objectBits());
            Slot slot = new Slot(inv.destCNode(), inv.nodeOffset() + i);
            Capability cap = kernel.createObject(inv.type(), paddr, inv.userSize(), inv.isDevice());
            kernel.caps().insert(slot, cap, Optional.of(inv.untyped()));
            created.add(new Created(paddr, slot));
        }
        return created;
    }

    /** Bytes a retype could still use: all of it when the untyped has no children (the reset rule). */
    public static long availableBytes(Kernel kernel, Slot untypedSlot) {
        UntypedCap ut = (UntypedCap) kernel.caps().get(untypedSlot);
        long used = kernel.caps().hasChildren(untypedSlot) ? ut.freeBytes() : 0;
        return (1L << ut.sizeBits()) - used;
    }

    static long alignUp(long value, int bits) {
        long mask = (1L << bits) - 1;
        return (value + mask) & ~mask;
    }
}
