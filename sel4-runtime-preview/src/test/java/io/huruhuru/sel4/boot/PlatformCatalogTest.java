package io.huruhuru.sel4.boot;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.huruhuru.sel4.kernel.Architecture;
import java.util.List;
import org.junit.jupiter.api.Test;

class PlatformCatalogTest {

    @Test
    void theFiveShippedPlatformsAreListedByName() {
        assertEquals(List.of("imx8mm-evk", "pc99", "qemu-arm-virt", "qemu-arm-virt-2g", "rpi4b-4g"),
                PlatformCatalog.all().stream().map(Platform::name).toList());
    }

    @Test
    void qemuArmVirtHasOneGigabyteAtOneGigabyteLikeSeL4sDefaultQemu() {
        Platform p = PlatformCatalog.find("qemu-arm-virt").orElseThrow();
        assertEquals(List.of(new Region(0x40000000L, 0x80000000L)), p.memory());
        assertEquals(Architecture.AARCH64, p.kernel().architecture());
        assertEquals(1L << 40, p.kernel().paddrUserDeviceTop());
        assertEquals(256, p.kernel().numPriorities());
    }

    @Test
    void rpi4HasTheBcm2711DeviceTableAndAllowsDevMem() {
        Platform p = PlatformCatalog.find("rpi4b-4g").orElseThrow();
        Platform.Device i2c = p.deviceForNode("/dev/i2c-1").orElseThrow();
        assertEquals(0xfe804000L, i2c.paddr());
        assertEquals(List.of(149), i2c.irqs());
        assertEquals(0xfe200000L, p.deviceForNode("/dev/gpiomem").orElseThrow().paddr());
        assertEquals(223, p.kernel().maxIrq());
        assertTrue(p.devMemAllowed());
    }

    @Test
    void qemuArmVirtHasNoI2cOrGpioAndRefusesDevMem() {
        Platform p = PlatformCatalog.find("qemu-arm-virt").orElseThrow();
        assertTrue(p.deviceForNode("/dev/i2c-1").isEmpty());
        assertTrue(p.deviceForNode("/dev/gpiomem").isEmpty());
        assertFalse(p.devMemAllowed());
    }

    @Test
    void pc99IsX8664WithoutMcs() {
        Platform p = PlatformCatalog.find("pc99").orElseThrow();
        assertEquals(Architecture.X86_64, p.kernel().architecture());
        assertFalse(p.kernel().mcs());
    }

    @Test
    void everyShippedPlatformBoots() {
        for (Platform p : PlatformCatalog.all()) {
            BootInfo bi = KernelBoot.emulateKernelBoot(p, RootServerImage.DEFAULT);
            assertEquals(List.of(), bi.warnings(), p.name());
        }
    }
}
