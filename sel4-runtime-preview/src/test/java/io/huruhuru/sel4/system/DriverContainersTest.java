package io.huruhuru.sel4.system;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.huruhuru.sel4.Sel4Preview;
import io.huruhuru.sel4.report.BootReport;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The talk's driver containers: device frames and IRQ handlers from the platform's device table. */
class DriverContainersTest {

    /** The talk's "DRIVER CONTAINERS" compose file. */
    private static final String TALK = """
            name: devices-compose
            services:
              node-red:
                image: node-red.json
                privileged: true
                cap_add:
                  - SYS_RAWIO
                devices:
                  - "/dev/mem:/dev/mem"
                  - "/dev/gpiomem:/dev/gpiomem"
                  - "/dev/i2c-1:/dev/i2c-1"
              motor:
                image: motor.json
                privileged: true
                cap_add:
                  - SYS_MODULE
            """;

    @TempDir
    java.nio.file.Path dir;
    private SystemFixture fixture;

    @BeforeEach
    void setUp() throws Exception {
        fixture = new SystemFixture(dir);
        fixture.app("node-red.json", "node-red", "");
        fixture.app("motor.json", "motor", "");
    }

    private BootReport up(String platform, String yaml) throws Exception {
        return Sel4Preview.up(Sel4Preview.platform(platform), Sel4Preview.readSystem(fixture.compose(yaml))).report();
    }

    private static BootReport.ApplicationReport app(BootReport r, String name) {
        return r.applications().stream().filter(a -> a.name().equals(name)).findFirst().orElseThrow();
    }

    @Test
    void onTheRaspberryPiNodeRedGetsUncachedDeviceFramesAndTheI2cInterrupt() throws Exception {
        BootReport r = up("rpi4b-4g", TALK);

        assertEquals("booted", r.result(), () -> String.valueOf(r.error()));
        List<BootReport.DeviceReport> devices = app(r, "node-red").devices();
        // /dev/mem brings every device of the table; /dev/gpiomem and /dev/i2c-1 are among them.
        assertEquals(List.of("gpio", "uart0", "spi0", "pwm0", "i2c1"), devices.stream().map(BootReport.DeviceReport::name).toList());
        BootReport.DeviceReport i2c = devices.get(4);
        assertEquals("0xfe804000", i2c.paddr());
        assertEquals(1, i2c.frames());
        assertFalse(i2c.cacheable());
        assertEquals(List.of(149), i2c.irqs());
        // Devices reached only through /dev/mem come without their interrupts.
        assertEquals(List.of(), devices.get(1).irqs());
        assertTrue(app(r, "node-red").capabilities().stream().anyMatch(c -> c.objectType().equals("seL4_IRQHandler")
                && c.role().equals("IRQ 149 of i2c1")));
        assertTrue(r.steps().stream().anyMatch(s -> s.application().equals("node-red") && s.action().equals("Page_Map")
                && s.phase().equals("device i2c1") && s.detail().contains("uncached")));
        assertNull(app(r, "motor").devices());
    }

    @Test
    void theDeviceFramesAreTheDevicesOwnPhysicalPages() throws Exception {
        BootReport r = up("rpi4b-4g", TALK);

        BootReport.Step retype = r.steps().stream().filter(s -> s.phase().equals("device i2c1")
                && s.action().equals("Untyped_Retype") && "seL4_ARM_SmallPageObject".equals(s.objectType()))
                .findFirst().orElseThrow();
        assertEquals("0xfe804000", retype.paddr());
    }

    @Test
    void onAPlatformWithoutThoseDevicesItFailsNamingThem() throws Exception {
        BootReport r = up("qemu-arm-virt", TALK);

        assertEquals("device_NotOnPlatform", r.error().code());
        assertEquals("node-red", r.error().application());
        assertEquals("service 'node-red' asks for /dev/gpiomem, /dev/i2c-1, which platform qemu-arm-virt does not have",
                r.error().detail());
    }

    @Test
    void devMemIsRefusedWhenThePlatformPolicyDoesNotAllowIt() throws Exception {
        BootReport r = up("qemu-arm-virt", """
                services:
                  raw:
                    image: node-red.json
                    cap_add: [SYS_RAWIO]
                    devices: ["/dev/mem"]
                """);

        assertEquals("device_DevMemRefused", r.error().code());
        assertEquals("service 'raw' asks for /dev/mem, which the policy of platform qemu-arm-virt refuses", r.error().detail());
    }

    @Test
    void devMemWithoutSysRawioIsRefused() throws Exception {
        BootReport r = up("rpi4b-4g", """
                services:
                  raw:
                    image: node-red.json
                    devices: ["/dev/mem"]
                """);

        assertEquals("device_NeedsPrivilege", r.error().code());
        assertEquals("service 'raw' asks for /dev/mem, which needs cap_add SYS_RAWIO or privileged: true", r.error().detail());
    }

    @Test
    void aDeviceWithAnInterruptNeedsSysModuleButGpiomemDoesNot() throws Exception {
        BootReport refused = up("rpi4b-4g", """
                services:
                  sensor:
                    image: node-red.json
                    devices: ["/dev/i2c-1"]
                """);
        BootReport allowed = up("rpi4b-4g", """
                services:
                  blinker:
                    image: node-red.json
                    devices: ["/dev/gpiomem"]
                  sensor:
                    image: motor.json
                    cap_add: [SYS_MODULE]
                    devices: ["/dev/i2c-1"]
                """);

        assertEquals("device_NeedsPrivilege", refused.error().code());
        assertEquals("service 'sensor' asks for /dev/i2c-1 with interrupt [149], whose IRQ handler capabilities need "
                + "cap_add SYS_MODULE or privileged: true", refused.error().detail());
        assertEquals("booted", allowed.result(), () -> String.valueOf(allowed.error()));
    }

    @Test
    void twoServicesClaimingTheSameDeviceIsAnErrorNamingBoth() throws Exception {
        BootReport r = up("rpi4b-4g", """
                services:
                  a:
                    image: node-red.json
                    privileged: true
                    devices: ["/dev/i2c-1"]
                  b:
                    image: motor.json
                    privileged: true
                    devices: ["/dev/i2c-1"]
                """);

        assertEquals("device_Claimed", r.error().code());
        assertEquals("device i2c1 at 0xfe804000 is claimed by services 'a' and 'b'", r.error().detail());
    }

    @Test
    void downGivesTheDevicesAndInterruptsBackSoTheSystemBootsAgain() throws Exception {
        ComposeSystem first = Sel4Preview.up(Sel4Preview.platform("rpi4b-4g"), Sel4Preview.readSystem(fixture.compose(TALK)));
        assertTrue(first.down().system().teardown().returnedAllMemory());

        BootReport second = up("rpi4b-4g", TALK);

        assertEquals("booted", second.result());
    }

    @Test
    void anUnknownCapabilityIsUnreadable() throws Exception {
        var yaml = fixture.compose(TALK.replace("SYS_MODULE", "SYS_WIZARD"));

        var e = org.junit.jupiter.api.Assertions.assertThrows(io.huruhuru.sel4.UnreadableInputException.class,
                () -> Sel4Preview.readSystem(yaml));

        assertTrue(e.getMessage().contains("cap_add names 'SYS_WIZARD', which is not a Linux capability"), e.getMessage());
    }
}
