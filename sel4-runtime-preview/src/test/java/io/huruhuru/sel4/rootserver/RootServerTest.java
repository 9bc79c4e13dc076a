package io.huruhuru.sel4.rootserver;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.huruhuru.sel4.app.ApplicationDescription;
import io.huruhuru.sel4.app.ElfImage;
import io.huruhuru.sel4.app.Segment;
import io.huruhuru.sel4.app.TestElf;
import io.huruhuru.sel4.boot.KernelBoot;
import io.huruhuru.sel4.boot.Platform;
import io.huruhuru.sel4.boot.PlatformCatalog;
import io.huruhuru.sel4.boot.RootServerImage;
import io.huruhuru.sel4.report.BootReport;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The root server model booting applications built directly, without a compiler. */
class RootServerTest {

    static final Platform QEMU = PlatformCatalog.find("qemu-arm-virt").orElseThrow();

    static ApplicationDescription hello(int heapPages, int priority, int maxPriority) {
        return new ApplicationDescription("hello", TestElf.helloLike(183), heapPages, 4, 24, priority, maxPriority, 4,
                List.of("hello_protocol"), List.of("/hello", "hello_world", "test"), List.of("HELLO=WORLD"));
    }

    static ApplicationDescription named(String name, List<String> publishes) {
        return new ApplicationDescription(name, TestElf.helloLike(183), 64, 0, 0, 100, 100, 2, publishes,
                List.of("/" + name), List.of());
    }

    private static RootServer rootServer() {
        return RootServer.start(KernelBoot.emulateKernelBoot(QEMU, RootServerImage.DEFAULT));
    }

    @Test
    void helloBootsWithItsPrioritiesAndOneEndpointPerProtocol() {
        ApplicationLoader.Outcome o = rootServer().boot(hello(2560, 180, 190));
        assertTrue(o.booted(), () -> o.error().toString());
        BootReport.ThreadReport t = o.report().thread();
        assertEquals(180, t.priority());
        assertEquals(190, t.mcp());
        assertEquals("running", t.state());
        // A PIE is loaded at 0x400000: pc = 0x400000 + e_entry 0x8ac0.
        assertEquals("0x408ac0", t.pc());
        assertEquals(List.of("hello_protocol"), o.report().protocols().stream().map(BootReport.Protocol::name).toList());
    }

    @Test
    void memoryByObjectTypeCountsEveryObjectTheApplicationGot() {
        BootReport.AppMemory m = rootServer().boot(hello(2560, 180, 190)).report().memory();
        // Untypeds handed over: 4 * 2 MiB + 24 * 4 KiB = 8,388,608 + 98,304 = 8,486,912 bytes.
        assertEquals(8_486_912L, m.byObjectType().get("seL4_UntypedObject"));
        // Frames: text 0x89000 / 4 KiB = 137 pages, data and BSS 0x9c000..0xa8000 = 12 pages,
        // heap 2560, stack 4, IPC buffer 1: 2714 pages * 4096 = 11,116,544 bytes.
        assertEquals(11_116_544L, m.byObjectType().get("seL4_ARM_SmallPageObject"));
        assertEquals(2048L, m.byObjectType().get("seL4_TCBObject"));
        assertEquals(16L, m.byObjectType().get("seL4_EndpointObject"));
        assertEquals(128L, m.byObjectType().get("seL4_SchedContextObject"));
        assertEquals(m.byObjectType().values().stream().mapToLong(Long::longValue).sum(), m.totalBytes());
    }

    @Test
    void pagingStructuresFollowTheMappedWindows() {
        // qemu-arm-virt's hypervisor kernel with 40-bit PA translates from level 1: the root is the (8 KiB) PUD.
        // Image and heap span 0x400000..0xea8000: 2 MiB windows 2..7 = 6 PTs; stack and IPC buffer
        // under 0xffffff0000 add one PT and one PD: PD 2, PT 7, and no level-0 table at all.
        var paging = rootServer().boot(hello(2560, 180, 190)).report().paging();
        assertEquals(1, paging.get("1-PUD"));
        assertEquals(2, paging.get("2-PD"));
        assertEquals(7, paging.get("3-PT"));
        assertEquals(null, paging.get("0-PGD"));
    }

    @Test
    void aPriorityAboveTheMaximumPriorityFailsAtSetPriorityWithRangeError() {
        ApplicationLoader.Outcome o = rootServer().boot(hello(2560, 200, 190));
        BootReport.ErrorInfo e = o.error().orElseThrow();
        assertEquals("seL4_RangeError", e.code());
        assertEquals("scheduling: TCB_SetPriority", e.step());
        assertTrue(e.detail().contains("priority 200 exceeds the maximum controlled priority 190"), e.detail());
        assertTrue(e.detail().endsWith("(allowed range 0 to 190)"), e.detail());
    }

    @Test
    void aMaximumPriorityAboveTheRootServersIsRefusedAtSetMcPriority() {
        BootReport.ErrorInfo e = rootServer().boot(hello(16, 100, 300)).error().orElseThrow();
        assertEquals("seL4_RangeError", e.code());
        assertEquals("scheduling: TCB_SetMCPriority", e.step());
        assertTrue(e.detail().endsWith("(allowed range 0 to 255)"), e.detail());
    }

    @Test
    void aHeapLargerThanRamFailsWithNotEnoughMemoryAtTheHeapStep() {
        // 262,144 pages = 1 GiB, more than the 1,070,434,176 bytes of RAM untyped.
        RootServer rs = rootServer();
        long before = rs.freeBytes();
        BootReport.ErrorInfo e = rs.boot(hello(262_144, 180, 190)).error().orElseThrow();
        assertEquals("seL4_NotEnoughMemory", e.code());
        assertEquals("heap: Untyped_Retype seL4_ARM_SmallPageObject", e.step());
        assertTrue(e.detail().contains("memoryLeft"), e.detail());
        // and the failed boot gave every byte back
        assertEquals(before, rs.freeBytes());
    }

    @Test
    void teardownReturnsEveryByteTheBootTook() {
        RootServer rs = rootServer();
        long before = rs.freeBytes();
        assertTrue(rs.boot(hello(2560, 180, 190)).booted());
        long used = before - rs.freeBytes();
        assertTrue(used > 19_000_000L, "used " + used);
        rs.teardown("hello");
        assertEquals(before, rs.freeBytes());
    }

    @Test
    void applicationsShareThePoolAndTearingOneDownReturnsOnlyItsBytes() {
        RootServer rs = rootServer();
        long initial = rs.freeBytes();
        assertTrue(rs.boot(named("a", List.of("pa"))).booted());
        long afterA = rs.freeBytes();
        assertTrue(rs.boot(named("b", List.of("pb"))).booted());
        assertTrue(rs.freeBytes() < afterA);
        rs.teardown("b");
        assertEquals(afterA, rs.freeBytes());
        rs.teardown("a");
        assertEquals(initial, rs.freeBytes());
    }

    @Test
    void aProtocolPublishedTwiceIsRefusedByTheMessageServer() {
        RootServer rs = rootServer();
        rs.boot(named("a", List.of("shared")));
        BootReport.ErrorInfo e = rs.boot(named("b", List.of("shared"))).error().orElseThrow();
        assertEquals("messageServer_Refused", e.code());
        assertTrue(e.detail().contains("already published by application 'a'"), e.detail());
    }

    @Test
    void theSixtyFifthProtocolOfOneApplicationIsRefused() {
        List<String> protocols = new ArrayList<>();
        for (int i = 0; i < 65; i++) {
            protocols.add("p" + i);
        }
        BootReport.ErrorInfo e = rootServer().boot(named("chatty", protocols)).error().orElseThrow();
        assertEquals("messageServer_Refused", e.code());
        assertEquals("protocols: MessageServer_Register p64", e.step());
    }

    @Test
    void aSegmentBothWritableAndExecutableIsAWarning() {
        ElfImage wx = new ElfImage(false, 183, 0x400000L, List.of(
                new Segment(0x400000L, 0x3000, 0x3000, 0, Segment.PF_R | Segment.PF_W | Segment.PF_X)));
        var app = new ApplicationDescription("wx", wx, 1, 0, 0, 1, 1, 1, List.of(), List.of("/wx"), List.of());
        var o = rootServer().boot(app);
        assertTrue(o.booted());
        assertEquals(List.of("segment 0 at 0x400000 is both writable and executable"), o.report().warnings());
    }

    @Test
    void argumentsThatDoNotFitTheStackStopTheBoot() {
        var app = new ApplicationDescription("big", TestElf.helloLike(183), 1, 0, 0, 1, 1, 1, List.of(),
                List.of("/big", "x".repeat(5000)), List.of());
        BootReport.ErrorInfo e = rootServer().boot(app).error().orElseThrow();
        assertEquals("rootServer_StackTooSmall", e.code());
    }

    @Test
    void anElfForAnotherMachineIsRefused() {
        var app = new ApplicationDescription("x86", TestElf.helloLike(62), 1, 0, 0, 1, 1, 1, List.of(), List.of("/x"),
                List.of());
        assertEquals("rootServer_WrongArchitecture", rootServer().boot(app).error().orElseThrow().code());
    }

    @Test
    void theInitialStackHoldsArgumentsEnvironmentAndAuxiliaryVector() {
        // The stack top is USER_TOP 2^40 - 1 rounded down to 64 KiB: 0xffffff0000 (qemu-arm-virt is a hypervisor
        // kernel with 40-bit physical addresses). Below an end marker word at 0xffffff0000 - 8:
        // "/hello\0hello_world\0test\0HELLO=WORLD\0" and the AT_EXECFN copy "/hello\0" = 7 + 12 + 5 + 12 + 7 = 43
        // bytes, from 0xfffffeffcd; aligned down to 16 and 16 AT_RANDOM bytes below: 0xfffffeffb0. Then argc, 3 argv,
        // NULL, 1 envp, NULL and 11 auxv pairs = 29 words = 232 bytes -> 0xfffffefec8, aligned down to 16 ->
        // 0xfffffefec0.
        var t = rootServer().boot(hello(16, 180, 190)).report().thread();
        assertEquals("0xfffffefec0", t.sp());
        assertEquals(0x140, t.initialStackBytes());
    }

    @Test
    void theSchedControlCapIsInTheSlotTheBootInfoNames() {
        // init_sched_control (src/kernel/boot.c:449-468) provides one cap per node; the root server finds it there.
        RootServer rs = rootServer();
        long slot = rs.bootInfo().capSlots().schedControl().start();
        assertEquals(21, slot);
        assertEquals(new io.huruhuru.sel4.cspace.Capability.ControlCap("seL4_SchedControl"),
                rs.kernel().caps().get(rs.rootSlot((int) slot)));
    }

    @Test
    void aBootOnX8664UsesTheX86ObjectNames() {
        Platform pc99 = PlatformCatalog.find("pc99").orElseThrow();
        RootServer rs = RootServer.start(KernelBoot.emulateKernelBoot(pc99, RootServerImage.DEFAULT));
        var app = new ApplicationDescription("pc", TestElf.helloLike(62), 16, 0, 0, 10, 10, 2, List.of(),
                List.of("/pc"), List.of());
        var o = rs.boot(app);
        assertTrue(o.booted(), () -> o.error().toString());
        assertTrue(o.report().memory().byObjectType().containsKey("seL4_X86_PDPTObject"));
        assertTrue(o.report().memory().byObjectType().containsKey("seL4_X86_4K"));
        assertEquals(2, o.report().paging().get("1-PDPT"));
    }
}
