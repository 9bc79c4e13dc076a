package io.huruhuru.sel4.untyped;

import io.huruhuru.sel4.cspace.Slot;
import io.huruhuru.sel4.kernel.ObjectType;

/**
 * The arguments of seL4_Untyped_Retype: object type and size, and where in the invoker's CSpace the
 * new caps go (root slot, node index and depth, offset, window = number of objects).
 */
public record RetypeRequest(
        ObjectType type, long userSize, Slot root, long nodeIndex, int nodeDepth, long nodeOffset, long nodeWindow) {

    public RetypeRequest {
        if (type == null || root == null) {
            throw new IllegalArgumentException("type and root are required");
        }
    }
}
