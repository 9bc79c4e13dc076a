package io.huruhuru.sel4.vmm;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.huruhuru.sel4.app.MicroVm;
import java.util.Collections;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** One fixture per VMM rule: the guest that breaks it, and the exact error and step. */
class GuestLayoutTest {

    private static final long MIB = MicroVm.MIB;

    private static MicroVm vm(long ramBytes, long ramBase, long kernel, long dtb, long initrd, int layers) {
        return new MicroVm(ramBytes, ramBase, kernel, dtb, initrd, Collections.nCopies(layers, "layer"), List.of(),
                List.of(), "/");
    }

    static Stream<Arguments> invalidGuests() {
        return Stream.of(
                Arguments.of(vm(256 * MIB, 0x40100000L, 24 * MIB, 64 * 1024, 8 * MIB, 1),
                        "vmm_RamBaseMisaligned", "guest RAM", "CheckRamBase"),
                Arguments.of(vm(255 * MIB, 0x40000000L, 24 * MIB, 64 * 1024, 8 * MIB, 1),
                        "vmm_RamSizeMisaligned", "guest RAM", "CheckRamSize"),
                Arguments.of(vm(256 * MIB, 0x40000000L, 24 * MIB, 3 * MIB, 8 * MIB, 1),
                        "vmm_DtbTooLarge", "guest images", "PlaceImage dtb"),
                Arguments.of(vm(16 * MIB, 0x40000000L, 24 * MIB, 64 * 1024, 8 * MIB, 1),
                        "vmm_ImageOutsideRam", "guest images", "PlaceImage kernel"),
                Arguments.of(vm(24 * MIB, 0x40000000L, 23 * MIB, 64 * 1024, 0, 1),
                        "vmm_ImagesOverlap", "guest images", "PlaceImage dtb"),
                Arguments.of(vm(32 * MIB, 0x40000000L, 24 * MIB, 64 * 1024, 8 * MIB, 1),
                        "vmm_ImagesOverlap", "guest images", "PlaceImage initrd"),
                Arguments.of(vm(256 * MIB, 0x40000000L, 24 * MIB, 64 * 1024, 8 * MIB, 32),
                        "vmm_TooManyDevices", "virtio", "PlaceDevice vdag"),
                Arguments.of(vm(512 * MIB, 0, 24 * MIB, 64 * 1024, 8 * MIB, 1),
                        "vmm_DeviceWindowOverlapsRam", "virtio", "PlaceDevice vda"));
    }

    @ParameterizedTest(name = "{1} at {2}: {3}")
    @MethodSource("invalidGuests")
    void aGuestBreakingAVmmRuleIsRefusedWithTheRuleAndTheStep(MicroVm vm, String code, String phase, String action) {
        GuestLayout.Violation v = (GuestLayout.Violation) GuestLayout.of(vm);

        assertEquals(List.of(code, phase, action), List.of(v.code(), v.phase(), v.action()));
    }

    @ParameterizedTest(name = "initrd of {0} MiB")
    @MethodSource("initrdSizes")
    void theKernelStartsRamTheDtbTakesTheLastTwoMegabytesAndTheInitrdSitsBelowIt(long initrdMib) {
        GuestLayout l = ((GuestLayout.Placed) GuestLayout.of(vm(256 * MIB, 0x40000000L, 24 * MIB, 64 * 1024,
                initrdMib * MIB, 1))).layout();

        assertEquals(0x40000000L, l.kernelEntry());
        assertEquals(0x4fe00000L, l.dtbAddress());
        GuestLayout.Region initrd = l.memoryMap().stream().filter(r -> r.name().equals("initrd")).findFirst().orElseThrow();
        assertEquals("0x" + Long.toHexString(0x4fe00000L - initrdMib * MIB), initrd.start());
    }

    static Stream<Long> initrdSizes() {
        return Stream.of(1L, 8L, 200L);
    }
}
