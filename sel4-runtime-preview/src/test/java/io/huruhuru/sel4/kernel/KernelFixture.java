package io.huruhuru.sel4.kernel;

import io.huruhuru.sel4.cspace.Capability;
import io.huruhuru.sel4.cspace.Capability.CNodeCap;
import io.huruhuru.sel4.cspace.Capability.UntypedCap;
import io.huruhuru.sel4.cspace.Slot;
import io.huruhuru.sel4.untyped.RetypeRequest;
import java.util.Optional;

/**
 * A small kernel for invocation tests: a root CNode of 256 slots at 0x1000000 whose cap (slot 1) has
 * a 56-bit guard of zeros, so a 64-bit address resolves in one level, as boot.c sets up the root CNode.
 */
public final class KernelFixture {

    public static final long ROOT_CNODE = 0x1000000L;
    public static final int RADIX = 8;
    public static final Slot ROOT_CAP = new Slot(ROOT_CNODE, 1);

    public final Kernel kernel;

    public KernelFixture(boolean mcs) {
        this(KernelConfig.defaults(Architecture.AARCH64, mcs, 12, 1L << 40));
    }

    public KernelFixture(KernelConfig config) {
        kernel = new Kernel(config);
        kernel.caps().createCNode(ROOT_CNODE, RADIX);
        kernel.caps().insert(ROOT_CAP, new CNodeCap(ROOT_CNODE, RADIX, 64 - RADIX, 0), Optional.empty());
    }

    public static Slot slot(int index) {
        return new Slot(ROOT_CNODE, index);
    }

    /** Puts an untyped cap for [paddr, paddr + 2^bits) into a root slot. */
    public Slot untyped(int index, long paddr, int bits, boolean device) {
        Slot s = slot(index);
        kernel.caps().insert(s, new UntypedCap(paddr, bits, device, 0), Optional.empty());
        return s;
    }

    public void put(int index, Capability cap) {
        kernel.caps().insert(slot(index), cap, Optional.empty());
    }

    /** A retype into the root CNode itself (node depth 0), as a root server usually does. */
    public static RetypeRequest intoRoot(ObjectType type, long userSize, long offset, long window) {
        return new RetypeRequest(type, userSize, ROOT_CAP, 0, 0, offset, window);
    }

    public static SyscallError error(Result<?> r) {
        if (r instanceof Result.Err<?> e) {
            return e.error();
        }
        throw new AssertionError("expected an error, got " + r);
    }

    @SuppressWarnings("unchecked")
    public static <T> T value(Result<T> r) {
        if (r instanceof Result.Ok<T> ok) {
            return ok.value();
        }
        throw new AssertionError("expected success, got " + r);
    }
}
