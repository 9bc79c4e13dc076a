package io.huruhuru.sel4.cspace;

import io.huruhuru.sel4.cspace.Capability.CNodeCap;
import io.huruhuru.sel4.cspace.Capability.EndpointCap;
import io.huruhuru.sel4.cspace.Capability.NotificationCap;
import io.huruhuru.sel4.cspace.Capability.NullCap;
import io.huruhuru.sel4.kernel.Kernel;
import io.huruhuru.sel4.kernel.KernelConfig;
import io.huruhuru.sel4.kernel.SyscallError;
import java.util.Optional;

/** CNode invocations (decodeCNodeInvocation in src/object/cnode.c) the root server uses. */
public final class CNodeInvocations {

    private CNodeInvocations() {
    }

    /**
     * seL4_CNode_Mint for an endpoint or notification: a badged copy with masked rights, a child of its
     * source. A cap that already has a badge cannot be rebadged (updateCapData gives the null cap).
     */
    public static Optional<SyscallError> mintBadged(Kernel kernel, Slot src, Slot dest, Rights rights, long badge) {
        Optional<SyscallError> bad = checkSlots(kernel, src, dest);
        if (bad.isPresent()) {
            return bad;
        }
        Capability cap = kernel.caps().get(src);
        Capability minted;
        if (cap instanceof EndpointCap ep && ep.badge() == 0) {
            minted = new EndpointCap(ep.paddr(), badge, ep.rights().mask(rights));
        } else if (cap instanceof NotificationCap n && n.badge() == 0) {
            minted = new NotificationCap(n.paddr(), badge, n.rights().mask(rights));
        } else {
            return Optional.of(new SyscallError.IllegalOperation(
                    "only an unbadged endpoint or notification capability can be minted with a badge"));
        }
        kernel.caps().insert(dest, minted, Optional.of(src));
        return Optional.empty();
    }

    /** seL4_CNode_Mint for a CNode: sets the guard; guard size plus radix may not exceed the word size. */
    public static Optional<SyscallError> mintGuarded(Kernel kernel, Slot src, Slot dest, int guardSize, long guard) {
        Optional<SyscallError> bad = checkSlots(kernel, src, dest);
        if (bad.isPresent()) {
            return bad;
        }
        if (!(kernel.caps().get(src) instanceof CNodeCap c)) {
            return Optional.of(new SyscallError.IllegalOperation("the source capability is not a CNode"));
        }
        if (guardSize < 0 || guardSize + c.radix() > KernelConfig.WORD_BITS
                || (guardSize < 64 && (guard >>> guardSize) != 0)) {
            return Optional.of(new SyscallError.IllegalOperation(
                    "the guard does not fit: guard size plus radix must stay within " + KernelConfig.WORD_BITS + " bits"));
        }
        kernel.caps().insert(dest, new CNodeCap(c.paddr(), c.radix(), guardSize, guard), Optional.of(src));
        return Optional.empty();
    }

    /** seL4_CNode_Revoke. */
    public static void revoke(Kernel kernel, Slot slot) {
        kernel.caps().revoke(slot);
    }

    /** seL4_CNode_Delete. */
    public static void delete(Kernel kernel, Slot slot) {
        kernel.caps().delete(slot);
    }

    private static Optional<SyscallError> checkSlots(Kernel kernel, Slot src, Slot dest) {
        if (!kernel.caps().isEmpty(dest)) {
            return Optional.of(new SyscallError.DeleteFirst("the destination slot is not empty"));
        }
        if (kernel.caps().get(src) instanceof NullCap) {
            return Optional.of(new SyscallError.FailedLookup(true, 0, "the source slot is empty"));
        }
        return Optional.empty();
    }
}
