package io.huruhuru.sel4.cspace;

import io.huruhuru.sel4.cspace.Capability.CNodeCap;
import io.huruhuru.sel4.kernel.KernelConfig;
import io.huruhuru.sel4.kernel.Result;
import io.huruhuru.sel4.kernel.SyscallError;

/** Capability address resolution through guarded CNodes (resolveAddressBits in src/kernel/cspace.c). */
public final class CSpaceLookup {

    private final CapabilityStore store;

    public CSpaceLookup(CapabilityStore store) {
        this.store = store;
    }

    /**
     * lookupTargetSlot / lookupSlotForCNodeOp: resolves exactly depth bits of capPtr to a slot, checking
     * the root cap, then the depth range (src/kernel/cspace.c:73-87: an invalid root is a FailedLookup
     * even when the depth is out of range too), every guard, and that no bits are left over.
     */
    public Result<Slot> lookupTargetSlot(Capability root, long capPtr, int depth) {
        if (!(root instanceof CNodeCap cnode)) {
            return Result.err(new SyscallError.FailedLookup(false, depth,
                    "the CSpace root given is not a CNode capability"));
        }
        if (depth < 1 || depth > KernelConfig.WORD_BITS) {
            return Result.err(new SyscallError.RangeError(1, KernelConfig.WORD_BITS,
                    "a CNode lookup depth must be between 1 and the word size"));
        }
        int bits = depth;
        CNodeCap current = cnode;
        while (true) {
            int guardSize = current.guardSize();
            int levelBits = current.radix() + guardSize;
            if (guardSize > bits) {
                return Result.err(new SyscallError.FailedLookup(false, bits,
                        "the capability address has fewer bits left than the CNode guard needs"));
            }
            long capGuard = guardSize == 0 ? 0 : (capPtr >>> (bits - guardSize)) & mask(guardSize);
            if (capGuard != current.guard()) {
                return Result.err(new SyscallError.FailedLookup(false, bits,
                        "the capability address does not match the CNode guard"));
            }
            if (levelBits > bits) {
                return Result.err(new SyscallError.FailedLookup(false, bits,
                        "the capability address is shorter than the CNode's guard and radix"));
            }
            int offset = (int) ((capPtr >>> (bits - levelBits)) & mask(current.radix()));
            Slot slot = new Slot(current.paddr(), offset);
            if (bits == levelBits) {
                return Result.ok(slot);
            }
            bits -= levelBits;
            Capability next = store.get(slot);
            if (!(next instanceof CNodeCap nextCNode)) {
                return Result.err(new SyscallError.FailedLookup(false, bits,
                        "the lookup reached a slot that is not a CNode with " + bits + " bits still to resolve"));
            }
            current = nextCNode;
        }
    }

    static long mask(int bits) {
        return bits >= 64 ? -1L : (1L << bits) - 1;
    }
}
