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
import io.huruhuru.sel4.kernel.VSpaceGeometry;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** Applications are laid out inside the user address limit of the platform's kernel configuration. */
class AddressSpaceLayoutTest {

    private static final Platform QEMU = PlatformCatalog.find("qemu-arm-virt").orElseThrow();
    private static final Platform RPI4 = PlatformCatalog.find("rpi4b-4g").orElseThrow();
    private static final Platform PC99 = PlatformCatalog.find("pc99").orElseThrow();

    private static ApplicationDescription hello() {
        return new ApplicationDescription("hello", TestElf.helloLike(183), 64, 0, 0, 100, 100, 4, List.of(),
                List.of("/hello"), List.of());
    }

    @Test
    void onAFortyBitHypervisorKernelTheStackTopsOutBelowTwoToTheForty() {
        // given qemu-arm-virt: USER_TOP 0xffffffffff
        AddressSpaceLayout l = AddressSpaceLayout.of(hello(), QEMU.kernel().vspace());
        // then the stack top is USER_TOP rounded down to 64 KiB, and every page lies below 2^40
        assertEquals(0xffffff0000L, l.stackTop());
        for (AddressSpaceLayout.Area a : l.areas()) {
            assertTrue(Long.compareUnsigned(a.end(), 1L << 40) <= 0, a.name() + " ends at 0x" + Long.toHexString(a.end()));
        }
        assertEquals(Optional.empty(), l.misfit());
    }

    @Test
    void x8664KeepsItsStackTopBelowTwoToTheFortySeven() {
        assertEquals(0x7fffffff0000L, AddressSpaceLayout.of(hello(), PC99.kernel().vspace()).stackTop());
    }

    @Test
    void rpi4DeviceWindowsStartAtTwoToTheFortyThreeInsideThe44BitUserSpace() {
        // given the rpi4b-4g kernel, USER_TOP 2^44 - 1, where a window at 2^44 could not be mapped
        VSpaceGeometry g = RPI4.kernel().vspace();
        var i2c = new AddressSpaceLayout.DeviceWindow("i2c1", 0xfe804000L, 0x1000, 0);
        // when the layout places the device's registers
        AddressSpaceLayout l = AddressSpaceLayout.of(hello(), g, List.of(i2c));
        // then they start in the middle of the user address space and end below USER_TOP
        assertEquals(1L << 43, l.devices().get(0).vaddr());
        assertTrue(l.devices().get(0).vaddr() + l.devices().get(0).bytes() - 1 <= g.userTop());
        assertEquals(Optional.empty(), l.misfit());
    }

    @Test
    void aSegmentAboveTheUserLimitDoesNotFit() {
        // given a non-PIE image linked at 2^40, one byte past qemu-arm-virt's USER_TOP
        ElfImage high = new ElfImage(false, 183, 1L << 40, List.of(
                new Segment(1L << 40, 0x1000, 0x1000, 0, Segment.PF_R | Segment.PF_X)));
        var app = new ApplicationDescription("high", high, 4, 0, 0, 100, 100, 2, List.of(), List.of("/high"), List.of());
        // when the layout is made
        AddressSpaceLayout l = AddressSpaceLayout.of(app, QEMU.kernel().vspace());
        // then it says why it does not fit
        assertTrue(l.misfit().orElseThrow().contains("the user address limit 0x10000000000 (3-level VSpace)"),
                l.misfit().toString());
    }

    @Test
    void aLayoutThatDoesNotFitStopsTheBootBeforeAnythingIsRetyped() {
        ElfImage high = new ElfImage(false, 183, 1L << 40, List.of(
                new Segment(1L << 40, 0x1000, 0x1000, 0, Segment.PF_R | Segment.PF_X)));
        var app = new ApplicationDescription("high", high, 4, 0, 0, 100, 100, 2, List.of(), List.of("/high"), List.of());
        RootServer rs = RootServer.start(KernelBoot.emulateKernelBoot(QEMU, RootServerImage.DEFAULT));
        long free = rs.freeBytes();
        var o = rs.boot(app);
        assertEquals("rootServer_AddressSpaceTooSmall", o.error().orElseThrow().code());
        assertEquals(free, rs.freeBytes());
    }
}
