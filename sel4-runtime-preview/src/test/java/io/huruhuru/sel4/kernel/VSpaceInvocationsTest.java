package io.huruhuru.sel4.kernel;

import static io.huruhuru.sel4.kernel.KernelFixture.intoRoot;
import static io.huruhuru.sel4.kernel.KernelFixture.slot;
import static io.huruhuru.sel4.kernel.KernelFixture.value;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;

import io.huruhuru.sel4.cspace.Capability.AsidPoolCap;
import io.huruhuru.sel4.cspace.Capability.FrameCap;
import io.huruhuru.sel4.cspace.Rights;
import io.huruhuru.sel4.cspace.Slot;
import io.huruhuru.sel4.tcb.TcbInvocations;
import io.huruhuru.sel4.untyped.UntypedRetype;
import io.huruhuru.sel4.vspace.VSpaceInvocations;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** Checks of decodeARMPageTableInvocation and decodeARMFrameInvocation (src/arch/arm/64/kernel/vspace.c). */
class VSpaceInvocationsTest {

    private final KernelFixture f = new KernelFixture(false);
    private final Slot ut = f.untyped(2, 0x40000000L, 22, false);
    private final Slot vspace;

    VSpaceInvocationsTest() {
        f.put(3, new AsidPoolCap(0x3000000L));
        vspace = retype(ObjectType.VSPACE, 10, 1);
        assertEquals(Optional.empty(), VSpaceInvocations.assignAsid(f.kernel, slot(3), vspace));
    }

    private Slot retype(ObjectType type, int at, int n) {
        return value(UntypedRetype.retype(f.kernel, ut, intoRoot(type, 0, at, n))).get(0).slot();
    }

    @Test
    void mappingAFrameWithNoPagingStructuresFailsLookupAtTheRoot() {
        Slot frame = retype(ObjectType.FRAME_4K, 20, 1);
        var e = VSpaceInvocations.mapFrame(f.kernel, frame, vspace, 0x400000L, Rights.READ_WRITE).orElseThrow();
        // lookupPTSlot stops in the root: ptBitsLeft = 39, not seL4_PageBits = 12.
        assertEquals(new SyscallError.FailedLookup(false, 39, e.detail()), e);
    }

    @Test
    void mappingAFrameNeedsAllThreeTablesBelowTheRoot() {
        Slot frame = retype(ObjectType.FRAME_4K, 20, 1);
        for (int i = 0; i < 3; i++) {
            Slot pt = retype(ObjectType.PAGE_TABLE, 30 + i, 1);
            assertEquals(Optional.empty(), VSpaceInvocations.mapTable(f.kernel, pt, vspace, 0x400000L));
        }
        assertEquals(Optional.empty(), VSpaceInvocations.mapFrame(f.kernel, frame, vspace, 0x400000L, Rights.READ_WRITE));
        assertEquals(0x400000L, ((FrameCap) f.kernel.caps().get(frame)).mapping().orElseThrow().vaddr());
    }

    @Test
    void mappingAFrameAtAnUnalignedAddressIsAnAlignmentError() {
        Slot frame = retype(ObjectType.FRAME_4K, 20, 1);
        var e = VSpaceInvocations.mapFrame(f.kernel, frame, vspace, 0x400800L, Rights.READ_WRITE).orElseThrow();
        assertInstanceOf(SyscallError.AlignmentError.class, e);
    }

    @Test
    void aLargeFrameMustBeAlignedToTwoMegabytes() {
        Slot large = value(UntypedRetype.retype(f.kernel, ut, intoRoot(ObjectType.FRAME_2M, 0, 20, 1))).get(0).slot();
        var e = VSpaceInvocations.mapFrame(f.kernel, large, vspace, 0x401000L, Rights.READ_WRITE).orElseThrow();
        assertInstanceOf(SyscallError.AlignmentError.class, e);
    }

    @Test
    void mappingAFrameThatEndsAboveUserTopIsAnInvalidArgument() {
        // seL4_UserTop on AArch64 without hypervisor: 0x00007fffffffffff.
        Slot frame = retype(ObjectType.FRAME_4K, 20, 1);
        var e = VSpaceInvocations.mapFrame(f.kernel, frame, vspace, 0x0000800000000000L, Rights.READ_WRITE).orElseThrow();
        assertEquals(new SyscallError.InvalidArgument(0, e.detail()), e);
    }

    @Test
    void mappingATableWhereAllLevelsExistIsDeleteFirst() {
        for (int i = 0; i < 3; i++) {
            VSpaceInvocations.mapTable(f.kernel, retype(ObjectType.PAGE_TABLE, 30 + i, 1), vspace, 0x400000L);
        }
        var e = VSpaceInvocations.mapTable(f.kernel, retype(ObjectType.PAGE_TABLE, 40, 1), vspace, 0x400000L)
                .orElseThrow();
        assertInstanceOf(SyscallError.DeleteFirst.class, e);
    }

    @Test
    void remappingAFrameAtAnotherAddressIsAnInvalidArgument() {
        Slot frame = retype(ObjectType.FRAME_4K, 20, 1);
        for (int i = 0; i < 3; i++) {
            VSpaceInvocations.mapTable(f.kernel, retype(ObjectType.PAGE_TABLE, 30 + i, 1), vspace, 0x400000L);
        }
        VSpaceInvocations.mapFrame(f.kernel, frame, vspace, 0x400000L, Rights.READ_WRITE);
        var e = VSpaceInvocations.mapFrame(f.kernel, frame, vspace, 0x401000L, Rights.READ_WRITE).orElseThrow();
        assertEquals(new SyscallError.InvalidArgument(0, e.detail()), e);
    }

    @Test
    void aThreeLevelVSpaceNeedsOnlyAPdAndAPtAndEndsAtTwoToTheForty() {
        // given a hypervisor kernel with 40-bit physical addresses, whose VSpace root is the level-1 table
        KernelFixture h = new KernelFixture(new KernelConfig(Architecture.AARCH64, false, true, 40, 12, 256, 11, 256,
                230, 1L << 40, KernelConfig.DEFAULT_MAX_IRQ));
        Slot u = h.untyped(2, 0x40000000L, 22, false);
        h.put(3, new AsidPoolCap(0x3000000L));
        Slot vs = value(UntypedRetype.retype(h.kernel, u, intoRoot(ObjectType.VSPACE, 0, 10, 1))).get(0).slot();
        VSpaceInvocations.assignAsid(h.kernel, slot(3), vs);
        Slot frame = value(UntypedRetype.retype(h.kernel, u, intoRoot(ObjectType.FRAME_4K, 0, 20, 1))).get(0).slot();
        // when nothing is mapped, the lookup stops in the root with 30 bits left (a level-1 slot), not 39
        var e = VSpaceInvocations.mapFrame(h.kernel, frame, vs, 0xfffffff000L, Rights.READ_WRITE).orElseThrow();
        assertEquals(new SyscallError.FailedLookup(false, 30, e.detail()), e);
        // then two tables reach the last page below 2^40
        for (int i = 0; i < 2; i++) {
            Slot pt = value(UntypedRetype.retype(h.kernel, u, intoRoot(ObjectType.PAGE_TABLE, 0, 30 + i, 1))).get(0)
                    .slot();
            assertEquals(Optional.empty(), VSpaceInvocations.mapTable(h.kernel, pt, vs, 0xfffffff000L));
        }
        assertEquals(Optional.empty(), VSpaceInvocations.mapFrame(h.kernel, frame, vs, 0xfffffff000L,
                Rights.READ_WRITE));
        // and a table at 2^40, above seL4_UserTop 0xffffffffff, is refused (vspace.c:1568)
        Slot above = value(UntypedRetype.retype(h.kernel, u, intoRoot(ObjectType.PAGE_TABLE, 0, 40, 1))).get(0).slot();
        var high = VSpaceInvocations.mapTable(h.kernel, above, vs, 1L << 40).orElseThrow();
        assertEquals(new SyscallError.InvalidArgument(0, high.detail()), high);
    }

    @Test
    void onX8664APageDirectoryNeedsItsPdptFirst() {
        KernelFixture x = new KernelFixture(KernelConfig.defaults(Architecture.X86_64, false, 12, 1L << 47));
        Slot u = x.untyped(2, 0x40000000L, 20, false);
        x.put(3, new AsidPoolCap(0x3000000L));
        Slot vs = value(UntypedRetype.retype(x.kernel, u, intoRoot(ObjectType.VSPACE, 0, 10, 1))).get(0).slot();
        VSpaceInvocations.assignAsid(x.kernel, slot(3), vs);
        Slot pd = value(UntypedRetype.retype(x.kernel, u, intoRoot(ObjectType.PAGE_DIRECTORY, 0, 11, 1))).get(0).slot();
        var e = VSpaceInvocations.mapTable(x.kernel, pd, vs, 0x400000L).orElseThrow();
        assertEquals(new SyscallError.FailedLookup(false, 39, e.detail()), e);
    }

    @Test
    void theIpcBufferMustBeAlignedToOneKilobyte() {
        Slot tcb = retype(ObjectType.TCB, 50, 1);
        Slot cnode = value(UntypedRetype.retype(f.kernel, ut, intoRoot(ObjectType.CNODE, 4, 51, 1))).get(0).slot();
        Slot frame = retype(ObjectType.FRAME_4K, 52, 1);
        var e = TcbInvocations.configure(f.kernel, tcb, cnode, vspace, 0x400200L, frame).orElseThrow();
        assertInstanceOf(SyscallError.AlignmentError.class, e);
        assertEquals(Optional.empty(), TcbInvocations.configure(f.kernel, tcb, cnode, vspace, 0x400400L, frame));
    }
}
