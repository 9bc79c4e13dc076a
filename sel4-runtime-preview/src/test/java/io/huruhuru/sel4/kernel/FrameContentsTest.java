package io.huruhuru.sel4.kernel;

import static io.huruhuru.sel4.kernel.KernelFixture.intoRoot;
import static io.huruhuru.sel4.kernel.KernelFixture.slot;
import static io.huruhuru.sel4.kernel.KernelFixture.value;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import io.huruhuru.sel4.cpu.Cpu;
import io.huruhuru.sel4.cpu.Page;
import io.huruhuru.sel4.cspace.Capability.AsidPoolCap;
import io.huruhuru.sel4.cspace.Capability.FrameCap;
import io.huruhuru.sel4.cspace.Rights;
import io.huruhuru.sel4.cspace.Slot;
import io.huruhuru.sel4.run.ApplicationMemory;
import io.huruhuru.sel4.untyped.UntypedRetype;
import io.huruhuru.sel4.vspace.VSpace;
import io.huruhuru.sel4.vspace.VSpaceInvocations;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** Frames hold bytes, retype zeroes them, and a VSpace entry carries the rights the mapping was given. */
class FrameContentsTest {

    private final KernelFixture f = new KernelFixture(false);
    private final Slot ut = f.untyped(2, 0x40000000L, 22, false);
    private final Slot vspace;

    FrameContentsTest() {
        f.put(3, new AsidPoolCap(0x3000000L));
        vspace = retype(ObjectType.VSPACE, 10, 1);
        assertEquals(Optional.empty(), VSpaceInvocations.assignAsid(f.kernel, slot(3), vspace));
        for (int i = 0; i < 3; i++) {
            assertEquals(Optional.empty(), VSpaceInvocations.mapTable(f.kernel, retype(ObjectType.PAGE_TABLE, 30 + i, 1),
                    vspace, 0x400000L));
        }
    }

    private Slot retype(ObjectType type, int at, int n) {
        return value(UntypedRetype.retype(f.kernel, ut, intoRoot(type, 0, at, n))).get(0).slot();
    }

    private VSpace vs() {
        return f.kernel.vspace(f.kernel.caps().get(vspace).paddr()).orElseThrow();
    }

    @Test
    void aReadOnlyExecutableMappingCannotBeWrittenAndANonExecutableOneCannotBeFetched() {
        Slot text = retype(ObjectType.FRAME_4K, 20, 1);
        Slot data = retype(ObjectType.FRAME_4K, 21, 1);
        VSpaceInvocations.mapFrame(f.kernel, text, vspace, 0x400000L, Rights.READ_ONLY, true, false);
        VSpaceInvocations.mapFrame(f.kernel, data, vspace, 0x401000L, Rights.READ_WRITE, true, true);
        ApplicationMemory memory = new ApplicationMemory(vs(), f.kernel.memory());

        Page t = memory.page(0x400123L);
        Page d = memory.page(0x401fffL);

        assertEquals(false, t.writable());
        assertEquals(true, t.executable());
        assertEquals(true, d.writable());
        assertEquals(false, d.executable());
        assertNull(memory.page(0x402000L));
    }

    @Test
    void aCopyToUserOverDecodedCodeIsRunAsWrittenNotAsDecodedBefore() {
        // given a read-write-execute page holding "mov x0, #1; svc #0", run once so its block is decoded
        Slot frame = retype(ObjectType.FRAME_4K, 20, 1);
        VSpaceInvocations.mapFrame(f.kernel, frame, vspace, 0x400000L, Rights.READ_WRITE, true, false);
        ApplicationMemory memory = new ApplicationMemory(vs(), f.kernel.memory());
        memory.rootServerWrite(0x400000L, new byte[] {0x20, 0, (byte) 0x80, (byte) 0xd2, 1, 0, 0, (byte) 0xd4}, 0, 8);
        Cpu cpu = new Cpu(memory);
        memory.whenCodeWritten(cpu::codeWritten);
        cpu.pc = 0x400000L;
        cpu.run(10);
        assertEquals(1, cpu.x[0]);
        // when the kernel's copy_to_user (a read(2) into that page) writes "mov x0, #2" over it (finding 6)
        memory.copyOut(0x400000L, new byte[] {0x40, 0, (byte) 0x80, (byte) 0xd2});
        cpu.pc = 0x400000L;
        cpu.run(10);
        // then the new instruction runs
        assertEquals(2, cpu.x[0]);
    }

    @Test
    void aMappingWithoutReadIsKernelOnly() {
        Slot frame = retype(ObjectType.FRAME_4K, 20, 1);
        VSpaceInvocations.mapFrame(f.kernel, frame, vspace, 0x400000L, Rights.WRITE_ONLY, true, false);

        Page p = new ApplicationMemory(vs(), f.kernel.memory()).page(0x400000L);

        assertEquals(false, p.readable());
        assertEquals(false, p.writable());
        assertEquals(false, p.executable());
    }

    @Test
    void bytesWrittenThroughTheMappingLandInTheFrameAndRetypeZeroesThem() {
        Slot frame = retype(ObjectType.FRAME_4K, 20, 1);
        long paddr = ((FrameCap) f.kernel.caps().get(frame)).paddr();
        VSpaceInvocations.mapFrame(f.kernel, frame, vspace, 0x400000L, Rights.READ_WRITE, true, true);
        ApplicationMemory memory = new ApplicationMemory(vs(), f.kernel.memory());
        memory.rootServerWrite(0x400ffeL, new byte[] {7, 9}, 0, 2);
        assertEquals(9, f.kernel.memory().page(paddr)[0xfff]);

        f.kernel.createObject(ObjectType.FRAME_4K, paddr, 0, false);

        assertEquals(0, f.kernel.memory().page(paddr)[0xfff]);
    }
}
