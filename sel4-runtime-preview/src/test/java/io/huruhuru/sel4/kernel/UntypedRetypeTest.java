package io.huruhuru.sel4.kernel;

import static io.huruhuru.sel4.kernel.KernelFixture.error;
import static io.huruhuru.sel4.kernel.KernelFixture.intoRoot;
import static io.huruhuru.sel4.kernel.KernelFixture.slot;
import static io.huruhuru.sel4.kernel.KernelFixture.value;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;

import io.huruhuru.sel4.cspace.Capability.UntypedCap;
import io.huruhuru.sel4.cspace.Slot;
import io.huruhuru.sel4.untyped.RetypeRequest;
import io.huruhuru.sel4.untyped.UntypedRetype;
import java.util.List;
import org.junit.jupiter.api.Test;

/** One test per check of decodeUntypedInvocation (src/object/untyped.c), in the kernel's order. */
class UntypedRetypeTest {

    private final KernelFixture f = new KernelFixture(false);
    private final Slot ut = f.untyped(2, 0x40000000L, 16, false);

    @Test
    void retypeRejectsATypeThisConfigurationLacks() {
        // Without MCS the enumeration stops before seL4_SchedContextObject: newType >= seL4_ObjectTypeCount.
        var e = error(UntypedRetype.retype(f.kernel, ut, intoRoot(ObjectType.SCHED_CONTEXT, 7, 10, 1)));
        assertEquals(new SyscallError.InvalidArgument(0, e.detail()), e);
    }

    @Test
    void retypeRejectsAnObjectLargerThanMaxUntypedBits() {
        // An untyped of 2^48 exceeds seL4_MaxUntypedBits = 47: RangeError with min 0, max 47.
        var e = error(UntypedRetype.retype(f.kernel, ut, intoRoot(ObjectType.UNTYPED, 48, 10, 1)));
        assertEquals(new SyscallError.RangeError(0, 47, e.detail()), e);
    }

    @Test
    void retypeRejectsACNodeWithZeroRadix() {
        var e = error(UntypedRetype.retype(f.kernel, ut, intoRoot(ObjectType.CNODE, 0, 10, 1)));
        assertEquals(new SyscallError.InvalidArgument(1, e.detail()), e);
    }

    @Test
    void retypeRejectsAnUntypedBelowMinUntypedBits() {
        // seL4_MinUntypedBits = 4: a 2^3 untyped is too small to hold any object.
        var e = error(UntypedRetype.retype(f.kernel, ut, intoRoot(ObjectType.UNTYPED, 3, 10, 1)));
        assertEquals(new SyscallError.InvalidArgument(1, e.detail()), e);
    }

    @Test
    void retypeRejectsASchedContextBelowMinSchedContextBitsOnMcs() {
        KernelFixture mcs = new KernelFixture(true);
        Slot u = mcs.untyped(2, 0x40000000L, 16, false);
        var e = error(UntypedRetype.retype(mcs.kernel, u, intoRoot(ObjectType.SCHED_CONTEXT, 6, 10, 1)));
        assertEquals(new SyscallError.InvalidArgument(1, e.detail()), e);
    }

    @Test
    void retypeFailsLookupWhenTheDestinationIsNotACNode() {
        // nodeDepth 0 takes the root cap itself as destination; here the root is the untyped cap.
        var request = new RetypeRequest(ObjectType.ENDPOINT, 0, ut, 0, 0, 10, 1);
        var e = error(UntypedRetype.retype(f.kernel, ut, request));
        assertInstanceOf(SyscallError.FailedLookup.class, e);
    }

    @Test
    void retypeFailsLookupWhenTheGuardDoesNotMatch() {
        // The root CNode's guard is 56 zero bits; an index with bit 63 set cannot match it.
        var request = new RetypeRequest(ObjectType.ENDPOINT, 0, KernelFixture.ROOT_CAP, 1L << 63 | 1, 64, 10, 1);
        var e = error(UntypedRetype.retype(f.kernel, ut, request));
        assertEquals(new SyscallError.FailedLookup(false, 64, e.detail()), e);
    }

    @Test
    void retypeRejectsAnOffsetOutsideTheCNode() {
        // Radix 8: 256 slots, so the largest offset is 255.
        var e = error(UntypedRetype.retype(f.kernel, ut, intoRoot(ObjectType.ENDPOINT, 0, 256, 1)));
        assertEquals(new SyscallError.RangeError(0, 255, e.detail()), e);
    }

    @Test
    void retypeRejectsMoreObjectsThanTheFanOutLimit() {
        // CONFIG_RETYPE_FAN_OUT_LIMIT = 256.
        var e = error(UntypedRetype.retype(f.kernel, ut, intoRoot(ObjectType.ENDPOINT, 0, 0, 257)));
        assertEquals(new SyscallError.RangeError(1, 256, e.detail()), e);
    }

    @Test
    void retypeRejectsAWindowRunningPastTheEndOfTheCNode() {
        // Offset 250 leaves 256 - 250 = 6 slots.
        var e = error(UntypedRetype.retype(f.kernel, ut, intoRoot(ObjectType.ENDPOINT, 0, 250, 10)));
        assertEquals(new SyscallError.RangeError(1, 6, e.detail()), e);
    }

    @Test
    void retypeRejectsAnOccupiedDestinationSlot() {
        // Slot 2 holds the untyped itself.
        var e = error(UntypedRetype.retype(f.kernel, ut, intoRoot(ObjectType.ENDPOINT, 0, 1, 2)));
        assertInstanceOf(SyscallError.DeleteFirst.class, e);
    }

    @Test
    void retypeReportsNotEnoughMemoryWithTheBytesLeft() {
        // given 2^16 = 65536 bytes, 15 frames of 4096 bytes leave 4096
        value(UntypedRetype.retype(f.kernel, ut, intoRoot(ObjectType.FRAME_4K, 0, 10, 15)));
        // when two more frames are asked for, then 4096 >> 12 = 1 < 2
        var e = error(UntypedRetype.retype(f.kernel, ut, intoRoot(ObjectType.FRAME_4K, 0, 30, 2)));
        assertEquals(new SyscallError.NotEnoughMemory(4096, e.detail()), e);
    }

    @Test
    void retypeRefusesKernelObjectsFromDeviceUntyped() {
        Slot device = f.untyped(3, 0x9000000L, 16, true);
        var e = error(UntypedRetype.retype(f.kernel, device, intoRoot(ObjectType.TCB, 0, 10, 1)));
        assertEquals(new SyscallError.InvalidArgument(1, e.detail()), e);
    }

    @Test
    void retypeAllowsFramesFromDeviceUntyped() {
        Slot device = f.untyped(3, 0x9000000L, 16, true);
        var created = value(UntypedRetype.retype(f.kernel, device, intoRoot(ObjectType.FRAME_4K, 0, 10, 1)));
        assertEquals(0x9000000L, created.get(0).paddr());
    }

    @Test
    void retypeAlignsEachObjectToItsOwnSize() {
        // given a 2 KiB TCB at the base, the watermark is 0x800
        value(UntypedRetype.retype(f.kernel, ut, intoRoot(ObjectType.TCB, 0, 10, 1)));
        // when a 4 KiB frame follows, it is aligned up to 0x40001000, and the watermark moves to 0x2000
        var frame = value(UntypedRetype.retype(f.kernel, ut, intoRoot(ObjectType.FRAME_4K, 0, 11, 1)));
        assertEquals(0x40001000L, frame.get(0).paddr());
        assertEquals(0x2000L, ((UntypedCap) f.kernel.caps().get(ut)).freeBytes());
    }

    @Test
    void retypeStartsAgainFromTheBaseOnceTheUntypedHasNoChildren() {
        var first = value(UntypedRetype.retype(f.kernel, ut, intoRoot(ObjectType.FRAME_4K, 0, 10, 4)));
        for (var c : first) {
            f.kernel.caps().delete(c.slot());
        }
        // The cap still says 0x4000 used, but with no children the kernel resets it (ensureNoChildren).
        assertEquals(0x4000L, ((UntypedCap) f.kernel.caps().get(ut)).freeBytes());
        var again = value(UntypedRetype.retype(f.kernel, ut, intoRoot(ObjectType.FRAME_4K, 0, 10, 1)));
        assertEquals(0x40000000L, again.get(0).paddr());
    }

    @Test
    void revokeDeletesEveryChildAndMakesTheWholeUntypedAvailable() {
        value(UntypedRetype.retype(f.kernel, ut, intoRoot(ObjectType.CNODE, 4, 10, 1)));
        value(UntypedRetype.retype(f.kernel, ut, intoRoot(ObjectType.ENDPOINT, 0, 11, 3)));
        f.kernel.caps().revoke(ut);
        assertEquals(List.of(), f.kernel.caps().children(ut));
        assertEquals(65536L, UntypedRetype.availableBytes(f.kernel, ut));
        assertEquals(true, f.kernel.caps().isEmpty(slot(11)));
    }
}
