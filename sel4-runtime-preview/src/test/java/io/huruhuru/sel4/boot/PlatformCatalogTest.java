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
    void eachPlatformCarriesItsKernelsHypervisorModeAndAddressSizes() {
        // Cortex-A53 boards: KernelArmPASizeBits40 (src/arch/arm/config.cmake:17-20); Cortex-A72: 44 (:28-32).
        Platform qemu = PlatformCatalog.find("qemu-arm-virt").orElseThrow();
        assertTrue(qemu.hypervisor());
        assertEquals(40, qemu.paSizeBits());
        assertEquals(3, qemu.vspaceLevels());
        assertEquals(0xffffffffffL, qemu.userTop());
        Platform rpi4 = PlatformCatalog.find("rpi4b-4g").orElseThrow();
        assertEquals(44, rpi4.paSizeBits());
        assertEquals(4, rpi4.vspaceLevels());
        assertEquals(0xfffffffffffL, rpi4.userTop());
        Platform pc99 = PlatformCatalog.find("pc99").orElseThrow();
        assertFalse(pc99.hypervisor());
        assertEquals(4, pc99.vspaceLevels());
        assertEquals(0x7fffffffffffL, pc99.userTop());
    }

    @Test
    void everyArmPlatformPassesADeviceTreeAndPc99None() {
        for (Platform p : PlatformCatalog.all()) {
            boolean arm = p.kernel().architecture() == Architecture.AARCH64;
            assertEquals(arm, p.dtbBytes() > 0, p.name());
            assertTrue(p.kernelImageBoot().size() > 0, p.name());
        }
    }

    @Test
    void everyShippedPlatformBoots() {
        for (Platform p : PlatformCatalog.all()) {
            BootInfo bi = KernelBoot.emulateKernelBoot(p, RootServerImage.DEFAULT);
            assertEquals(List.of(), bi.warnings(), p.name());
        }
    }
}
