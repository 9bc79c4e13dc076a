package io.huruhuru.sel4.kernel;

import static io.huruhuru.sel4.kernel.KernelFixture.intoRoot;
import static io.huruhuru.sel4.kernel.KernelFixture.slot;
import static io.huruhuru.sel4.kernel.KernelFixture.value;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.huruhuru.sel4.cspace.Capability.TcbCap;
import io.huruhuru.sel4.cspace.Slot;
import io.huruhuru.sel4.tcb.TcbInvocations;
import io.huruhuru.sel4.untyped.UntypedRetype;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** Priority checks of src/object/tcb.c: checkPrio against the authority's maximum controlled priority. */
class TcbInvocationsTest {

    private final KernelFixture f = new KernelFixture(false);
    private final Slot root = slot(3);
    private final Slot thread;

    TcbInvocationsTest() {
        f.kernel.createInitialThread(0x2000000L);
        f.put(3, new TcbCap(0x2000000L));
        Slot ut = f.untyped(2, 0x40000000L, 16, false);
        thread = value(UntypedRetype.retype(f.kernel, ut, intoRoot(ObjectType.TCB, 0, 10, 1))).get(0).slot();
    }

    private long priority(Slot s) {
        return f.kernel.tcb(f.kernel.caps().get(s).paddr()).orElseThrow().priority();
    }

    private long mcp(Slot s) {
        return f.kernel.tcb(f.kernel.caps().get(s).paddr()).orElseThrow().mcp();
    }

    @Test
    void aNewThreadHasPriorityAndMcpZero() {
        assertEquals(0, priority(thread));
        assertEquals(0, mcp(thread));
    }

    @Test
    void setPriorityAboveTheAuthoritysMcpIsARangeErrorUpToThatMcp() {
        // given the thread's MCP is 190, set by the root thread (MCP seL4_MaxPrio = 255)
        assertEquals(Optional.empty(), TcbInvocations.setMcPriority(f.kernel, thread, root, 190));
        // when the thread, as its own authority, asks for 200
        var e = TcbInvocations.setPriority(f.kernel, thread, thread, 200).orElseThrow();
        // then checkPrio fails: seL4_RangeError, min seL4_MinPrio = 0, max the authority's MCP = 190
        assertEquals(new SyscallError.RangeError(0, 190, e.detail()), e);
        assertEquals(0, priority(thread));
    }

    @Test
    void setPriorityUpToTheAuthoritysMcpSucceeds() {
        TcbInvocations.setMcPriority(f.kernel, thread, root, 190);
        assertEquals(Optional.empty(), TcbInvocations.setPriority(f.kernel, thread, thread, 190));
        assertEquals(190, priority(thread));
    }

    @Test
    void setMcPriorityBeyondTheLastOf256PrioritiesIsARangeError() {
        // 256 priorities: seL4_MaxPrio = 255 is the root thread's MCP.
        var e = TcbInvocations.setMcPriority(f.kernel, thread, root, 256).orElseThrow();
        assertEquals(new SyscallError.RangeError(0, 255, e.detail()), e);
    }

    @Test
    void setSchedParamsChecksTheMcpBeforeThePriority() {
        // given an authority with MCP 100
        TcbInvocations.setMcPriority(f.kernel, thread, root, 100);
        // when both values are too high, the error names the MCP check, which comes first
        var e = TcbInvocations.setSchedParams(f.kernel, thread, thread, 150, 120).orElseThrow();
        assertTrue(e.detail().contains("maximum controlled priority 150"), e.detail());
        assertEquals(100, mcp(thread));
    }

    @Test
    void setPriorityWithANonTcbAuthorityIsAnInvalidCapability() {
        var e = TcbInvocations.setPriority(f.kernel, thread, slot(2), 10).orElseThrow();
        assertEquals(new SyscallError.InvalidCapability(1, e.detail()), e);
    }
}
