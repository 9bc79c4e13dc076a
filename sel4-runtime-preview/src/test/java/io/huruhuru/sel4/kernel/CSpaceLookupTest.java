package io.huruhuru.sel4.kernel;

import static io.huruhuru.sel4.kernel.KernelFixture.error;
import static io.huruhuru.sel4.kernel.KernelFixture.value;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.huruhuru.sel4.cspace.Capability.CNodeCap;
import io.huruhuru.sel4.cspace.Slot;
import org.junit.jupiter.api.Test;

/** resolveAddressBits (src/kernel/cspace.c) through guarded, multi-level CNodes. */
class CSpaceLookupTest {

    private final KernelFixture f = new KernelFixture(false);

    @Test
    void aFullWordResolvesThroughTheRootGuardInOneLevel() {
        var cap = f.kernel.caps().get(KernelFixture.ROOT_CAP);
        assertEquals(new Slot(KernelFixture.ROOT_CNODE, 42), value(f.kernel.lookup().lookupTargetSlot(cap, 42, 64)));
    }

    @Test
    void aSecondLevelCNodeIsReachedWithItsOwnRadixBits() {
        // given a 4-bit CNode in root slot 5 with no guard
        f.kernel.caps().createCNode(0x5000000L, 4);
        f.put(5, new CNodeCap(0x5000000L, 4, 0, 0));
        var root = f.kernel.caps().get(KernelFixture.ROOT_CAP);
        // when the root cap's guard is 52 bits, 52 + 8 + 4 = 64 bits reach slot 3 of the second CNode
        var shortRoot = new CNodeCap(KernelFixture.ROOT_CNODE, 8, 52, 0);
        assertEquals(new Slot(0x5000000L, 3), value(f.kernel.lookup().lookupTargetSlot(shortRoot, (5L << 4) | 3, 64)));
        // and with the usual 56-bit guard the same 64 bits stop at the root CNode's slot 5
        assertEquals(new Slot(KernelFixture.ROOT_CNODE, 5), value(f.kernel.lookup().lookupTargetSlot(root, 5, 64)));
    }

    @Test
    void aDepthOutsideOneToSixtyFourIsARangeError() {
        var cap = f.kernel.caps().get(KernelFixture.ROOT_CAP);
        var e = error(f.kernel.lookup().lookupTargetSlot(cap, 1, 65));
        assertEquals(new SyscallError.RangeError(1, 64, e.detail()), e);
    }

    @Test
    void aRootThatIsNoCNodeFailsTheLookupBeforeTheDepthIsChecked() {
        // given a root that is an endpoint cap and a depth of 65, both wrong
        var notACNode = new io.huruhuru.sel4.cspace.Capability.EndpointCap(0x6000000L, 0,
                io.huruhuru.sel4.cspace.Rights.ALL);
        // when the slot is looked up
        var e = error(f.kernel.lookup().lookupTargetSlot(notACNode, 1, 65));
        // then it is the invalid root (a FailedLookup), as lookupSlotForCNodeOp tests the root's type first
        // (src/kernel/cspace.c:73-79) and the depth after it (:81-87)
        assertEquals(new SyscallError.FailedLookup(false, 65, e.detail()), e);
    }

    @Test
    void bitsLeftOverAtANonCNodeSlotFailTheLookup() {
        var shortRoot = new CNodeCap(KernelFixture.ROOT_CNODE, 8, 52, 0);
        // Slot 9 is empty, yet 4 bits remain to resolve.
        var e = error(f.kernel.lookup().lookupTargetSlot(shortRoot, (9L << 4) | 3, 64));
        assertEquals(new SyscallError.FailedLookup(false, 4, e.detail()), e);
    }
}
