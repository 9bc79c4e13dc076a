package io.huruhuru.sel4.kernel;

import static io.huruhuru.sel4.kernel.KernelFixture.intoRoot;
import static io.huruhuru.sel4.kernel.KernelFixture.slot;
import static io.huruhuru.sel4.kernel.KernelFixture.value;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.huruhuru.sel4.cspace.CNodeInvocations;
import io.huruhuru.sel4.cspace.Capability.EndpointCap;
import io.huruhuru.sel4.cspace.Capability.NotificationCap;
import io.huruhuru.sel4.cspace.Rights;
import io.huruhuru.sel4.cspace.Slot;
import io.huruhuru.sel4.untyped.UntypedRetype;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** CNode_Mint, Revoke and Delete (src/object/cnode.c) on endpoints, notifications and CNodes. */
class CNodeInvocationsTest {

    private final KernelFixture f = new KernelFixture(false);
    private final Slot ut = f.untyped(2, 0x40000000L, 16, false);

    private Slot make(ObjectType type, long userSize, int at) {
        return value(UntypedRetype.retype(f.kernel, ut, intoRoot(type, userSize, at, 1))).get(0).slot();
    }

    @Test
    void mintingAnEndpointGivesABadgedChildWithMaskedRights() {
        Slot ep = make(ObjectType.ENDPOINT, 0, 10);
        assertEquals(Optional.empty(), CNodeInvocations.mintBadged(f.kernel, ep, slot(11), Rights.WRITE_ONLY, 7));
        assertEquals(new EndpointCap(f.kernel.caps().get(ep).paddr(), 7, Rights.WRITE_ONLY), f.kernel.caps().get(slot(11)));
        assertEquals(List.of(slot(11)), f.kernel.caps().children(ep));
    }

    @Test
    void aBadgedCapabilityCannotBeRebadged() {
        Slot n = make(ObjectType.NOTIFICATION, 0, 10);
        CNodeInvocations.mintBadged(f.kernel, n, slot(11), Rights.ALL, 1);
        assertInstanceOf(NotificationCap.class, f.kernel.caps().get(slot(11)));
        var e = CNodeInvocations.mintBadged(f.kernel, slot(11), slot(12), Rights.ALL, 2).orElseThrow();
        assertInstanceOf(SyscallError.IllegalOperation.class, e);
    }

    @Test
    void mintingIntoAnOccupiedSlotIsDeleteFirst() {
        Slot ep = make(ObjectType.ENDPOINT, 0, 10);
        var e = CNodeInvocations.mintBadged(f.kernel, ep, ut, Rights.ALL, 1).orElseThrow();
        assertInstanceOf(SyscallError.DeleteFirst.class, e);
    }

    @Test
    void aGuardThatDoesNotFitBesideTheRadixIsRefused() {
        // A 4-bit CNode leaves room for a guard of at most 60 bits.
        Slot cnode = make(ObjectType.CNODE, 4, 10);
        assertInstanceOf(SyscallError.IllegalOperation.class,
                CNodeInvocations.mintGuarded(f.kernel, cnode, slot(11), 61, 0).orElseThrow());
        assertEquals(Optional.empty(), CNodeInvocations.mintGuarded(f.kernel, cnode, slot(11), 60, 0));
    }

    @Test
    void revokingAnEndpointDeletesItsBadgedCopiesButKeepsTheOriginal() {
        Slot ep = make(ObjectType.ENDPOINT, 0, 10);
        CNodeInvocations.mintBadged(f.kernel, ep, slot(11), Rights.ALL, 1);
        CNodeInvocations.mintBadged(f.kernel, ep, slot(12), Rights.ALL, 2);
        CNodeInvocations.revoke(f.kernel, ep);
        assertTrue(f.kernel.caps().isEmpty(slot(11)) && f.kernel.caps().isEmpty(slot(12)));
        assertInstanceOf(EndpointCap.class, f.kernel.caps().get(ep));
    }

    @Test
    void deletingTheLastCapToACNodeDeletesEverythingInIt() {
        // given a 4-bit CNode holding an endpoint retyped straight into it
        Slot cnode = make(ObjectType.CNODE, 4, 10);
        long cnodePaddr = f.kernel.caps().get(cnode).paddr();
        var request = new io.huruhuru.sel4.untyped.RetypeRequest(ObjectType.ENDPOINT, 0, KernelFixture.ROOT_CAP, 10, 64, 3, 1);
        value(UntypedRetype.retype(f.kernel, ut, request));
        assertEquals(2, f.kernel.caps().children(ut).size());
        // when the CNode's only cap is deleted
        CNodeInvocations.delete(f.kernel, cnode);
        // then its endpoint is gone too and the untyped has no children left
        assertEquals(false, f.kernel.caps().cnodeExists(cnodePaddr));
        assertEquals(List.of(), f.kernel.caps().children(ut));
    }
}
