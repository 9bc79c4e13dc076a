package io.huruhuru.sel4.system;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.huruhuru.sel4.Sel4Preview;
import io.huruhuru.sel4.app.ApplicationDescription;
import io.huruhuru.sel4.app.MicroVm;
import io.huruhuru.sel4.report.BootReport;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Defects found when the model was tried independently (issue "Boot previews", item 7). */
class DefectsTest {

    @TempDir
    Path dir;

    @Test
    void aPublisherOnANamedMessageServerListsItsProtocolsInItsReport() throws Exception {
        SystemFixture fixture = new SystemFixture(dir);
        fixture.talkApps();

        BootReport r = Sel4Preview.up(Sel4Preview.platform("qemu-arm-virt"),
                Sel4Preview.readSystem(fixture.compose(SystemFixture.TALK))).report();

        BootReport.ApplicationReport server = r.applications().stream().filter(a -> a.name().equals("server"))
                .findFirst().orElseThrow();
        assertEquals(List.of("echo_protocol"), server.protocols().stream().map(BootReport.Protocol::name).toList());
    }

    @Test
    void aMicroVmWithTheBuiltInVmmOnPc99FailsForTheMissingVcpuNotForTheVmmsMachine() throws Exception {
        ApplicationDescription vm = ApplicationDescription.withDefaults("guest", MicroVm.defaultVmmImage())
                .withMicroVm(MicroVm.withLayers(List.of("sha256:" + "a".repeat(64))));

        BootReport r = Sel4Preview.boot(Sel4Preview.platform("pc99"), List.of(vm));

        assertEquals("vmm_NoVcpu", r.error().code(), () -> String.valueOf(r.error()));
    }
}
