package io.huruhuru.sel4.rootserver;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.huruhuru.sel4.Sel4Preview;
import io.huruhuru.sel4.app.ApplicationDescription;
import io.huruhuru.sel4.app.MicroVm;
import io.huruhuru.sel4.boot.KernelBoot;
import io.huruhuru.sel4.boot.Platform;
import io.huruhuru.sel4.boot.PlatformCatalog;
import io.huruhuru.sel4.boot.RootServerImage;
import io.huruhuru.sel4.report.BootReport;
import io.huruhuru.sel4.report.GuestReport;
import io.huruhuru.sel4.vmm.GuestLayout;
import java.util.List;
import org.junit.jupiter.api.Test;

/** A Python container as a microVM: a Linux guest on a VMM, booted by the root server. */
class MicroVmTest {

    private static final List<String> LAYERS = List.of("sha256:30a76a4a", "sha256:3e608000", "sha256:5b5387c8");

    private static ApplicationDescription python(long ramMib) {
        MicroVm vm = new MicroVm(ramMib * MicroVm.MIB, MicroVm.DEFAULT_RAM_BASE, MicroVm.DEFAULT_KERNEL_BYTES,
                MicroVm.DEFAULT_DTB_BYTES, MicroVm.DEFAULT_INITRD_BYTES, LAYERS, List.of("eth0"), List.of(1000, 1001),
                "/app");
        return new ApplicationDescription("python", MicroVm.defaultVmmImage(), 256, 0, 0, 120, 120, 4, List.of(),
                List.of("python3", "/app/main.py"), List.of("PATH=/usr/local/bin:/usr/bin:/bin"))
                .withMicroVm(vm);
    }

    private static RootServer rootServer(String platform) {
        Platform p = PlatformCatalog.find(platform).orElseThrow();
        return RootServer.start(KernelBoot.emulateKernelBoot(p, RootServerImage.DEFAULT));
    }

    @Test
    void threeLayersEth0AndTwoVsockPortsGiveFourDisksOneNetAndOneVsockDevice() {
        ApplicationLoader.Outcome o = rootServer("qemu-arm-virt").boot(python(256));

        assertTrue(o.booted(), () -> o.error().toString());
        List<GuestLayout.VirtioDevice> d = o.report().guest().devices();
        assertEquals(List.of("virtio-blk", "virtio-blk", "virtio-blk", "virtio-blk", "virtio-net", "virtio-vsock"),
                d.stream().map(GuestLayout.VirtioDevice::kind).toList());
        assertEquals(List.of("squashfs", "squashfs", "squashfs", "ext4"),
                d.subList(0, 4).stream().map(GuestLayout.VirtioDevice::filesystem).toList());
        assertEquals(List.of(true, true, true, false), d.subList(0, 4).stream().map(GuestLayout.VirtioDevice::readOnly).toList());
        assertEquals(LAYERS, d.subList(0, 3).stream().map(GuestLayout.VirtioDevice::image).toList());
        assertEquals("eth0", d.get(4).name());
        assertEquals(List.of(1000, 1001), d.get(5).ports());
        assertEquals(List.of(48, 49, 50, 51, 52, 53), d.stream().map(GuestLayout.VirtioDevice::irq).toList());
        assertEquals("0xa000a00-0xa000c00", d.get(5).window());
    }

    @Test
    void theGuestRunsOnItsVcpuWithRamOfTwoMegabyteFramesAndTheMemoryMapInsideRam() {
        BootReport.ApplicationReport r = rootServer("qemu-arm-virt").boot(python(256)).report();

        GuestReport g = r.guest();
        assertEquals(128, g.largeFrames());
        assertEquals(256L << 20, r.memory().byObjectType().get("seL4_ARM_LargePageObject"));
        assertEquals(4096L, r.memory().byObjectType().get("seL4_ARM_VCPUObject"));
        assertEquals("running", g.thread().state());
        assertTrue(g.thread().vcpu().startsWith("0x"), g.thread().vcpu());
        assertEquals("0x40000000", g.thread().pc());
        assertEquals("0x4fe00000", g.thread().x0());
        assertEquals(List.of("virtio-mmio vda", "virtio-mmio vdb", "virtio-mmio vdc", "virtio-mmio vdd",
                "virtio-mmio eth0", "virtio-mmio vsock", "RAM", "kernel", "initrd", "dtb"),
                g.memoryMap().stream().map(GuestLayout.Region::name).toList());
    }

    @Test
    void theOciConfigCarriesTheProcessAndTheInitMountsTheLayersAsOneOverlay() {
        GuestReport g = rootServer("qemu-arm-virt").boot(python(256)).report().guest();

        var config = g.init().config();
        assertEquals(List.of("python3", "/app/main.py"), config.process().args());
        assertEquals(List.of("PATH=/usr/local/bin:/usr/bin:/bin"), config.process().env());
        assertEquals("/app", config.process().cwd());
        assertEquals("python", config.hostname());
        assertTrue(g.init().commands().contains("mount -t overlay -o lowerdir=/layers/2:/layers/1:/layers/0,"
                + "upperdir=/rw/upper,workdir=/rw/work overlay /run/koskit/bundle/rootfs"), g.init().commands().toString());
    }

    @Test
    void guestRamTooLargeForThePlatformFailsWithNotEnoughMemoryAtTheGuestRamStep() {
        RootServer rs = rootServer("qemu-arm-virt");
        long before = rs.freeBytes();

        BootReport.ErrorInfo e = rs.boot(python(2048)).error().orElseThrow();

        assertEquals("seL4_NotEnoughMemory", e.code());
        assertEquals("guest RAM: Untyped_Retype seL4_ARM_LargePageObject", e.step());
        assertEquals(before, rs.freeBytes());
    }

    @Test
    void aMisalignedGuestRamBaseIsRefusedBeforeAnythingIsRetyped() {
        MicroVm bad = new MicroVm(256 * MicroVm.MIB, 0x40100000L, MicroVm.DEFAULT_KERNEL_BYTES, MicroVm.DEFAULT_DTB_BYTES,
                MicroVm.DEFAULT_INITRD_BYTES, LAYERS, List.of(), List.of(), "/");

        BootReport.ErrorInfo e = rootServer("qemu-arm-virt").boot(python(256).withMicroVm(bad)).error().orElseThrow();

        assertEquals("vmm_RamBaseMisaligned", e.code());
        assertEquals("guest RAM: CheckRamBase", e.step());
    }

    @Test
    void teardownOfAMicroVmReturnsEveryByte() {
        RootServer rs = rootServer("qemu-arm-virt");
        long before = rs.freeBytes();
        assertTrue(rs.boot(python(256)).booted());

        rs.teardown("python");

        assertEquals(before, rs.freeBytes());
    }

    @Test
    void anX86PlatformHasNoVcpuForAMicroVm() {
        ApplicationDescription onX86 = python(256);
        ApplicationDescription x86Vmm = new ApplicationDescription("python", io.huruhuru.sel4.app.TestElf.helloLike(62),
                onX86.heapPages(), 0, 0, 100, 100, 4, List.of(), onX86.args(), onX86.env())
                .withMicroVm(onX86.microVm().orElseThrow());

        BootReport.ErrorInfo e = rootServer("pc99").boot(x86Vmm).error().orElseThrow();

        assertEquals("vmm_NoVcpu", e.code());
    }

    @Test
    void theSameMicroVmGivesTheSameReportByteForByte() throws Exception {
        Platform p = Sel4Preview.platform("qemu-arm-virt");
        assertEquals(Sel4Preview.toJson(Sel4Preview.boot(p, List.of(python(256)))),
                Sel4Preview.toJson(Sel4Preview.boot(p, List.of(python(256)))));
    }
}
