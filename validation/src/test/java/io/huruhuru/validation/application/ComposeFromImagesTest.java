package io.huruhuru.validation.application;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.huruhuru.sel4.Sel4Preview;
import io.huruhuru.sel4.kernel.Architecture;
import io.huruhuru.sel4.report.BootReport;
import io.huruhuru.sel4.system.SystemDescription;
import io.huruhuru.sel4.system.SystemFile;
import io.huruhuru.validation.ImageSource;
import io.huruhuru.validation.LayerFactsCache;
import io.huruhuru.validation.fixture.ElfBuilder;
import io.huruhuru.validation.fixture.TarBuilder;
import io.huruhuru.validation.fixture.TestImage;
import io.huruhuru.validation.layer.ReadLimits;
import java.io.IOException;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** A compose file whose image: values name images, as the registry's systems endpoint resolves them. */
class ComposeFromImagesTest {

    private final Map<String, ImageSource> images = Map.of(
            "kos/hello:1", ImageApplicationsTest.talkImage().source(),
            "py/app:1", TestImage.plain().cmd("python3", "main.py").expose("1000/tcp").source(),
            "kos/x86:1", ImageApplicationsTest.talkImage().layers(TarBuilder.tar().dir("bin")
                    .file("bin/hello", ElfBuilder.staticPie().machine(ElfBuilder.EM_X86_64).build(), 0755)
                    .file("share.spec.json", TestImage.SPEC_JSON).gzipLayer()).source());

    private ImageServiceImages resolver() {
        return new ImageServiceImages(new ImageApplications(ReadLimits.DEFAULT, LayerFactsCache.inMemory()),
                Architecture.AARCH64, image -> {
                    ImageSource s = images.get(image);
                    if (s == null) {
                        throw new IOException("no image " + image);
                    }
                    return s;
                });
    }

    @Test
    void aNativeImageAndAMicroVmImageBootTogetherWithTheServicesProcess() throws Exception {
        SystemDescription system = SystemFile.read("""
                name: talk
                services:
                  hello:
                    image: kos/hello:1
                    command: ["hi"]
                    environment: {HELLO: THERE}
                    networks: [back-tier]
                  web:
                    image: py/app:1
                    networks: [back-tier]
                networks:
                  back-tier: {x-msg-server: Poukai.msg0}
                """, resolver());

        BootReport r = Sel4Preview.upAndDown(Sel4Preview.platform("qemu-arm-virt"), system);

        assertEquals("booted", r.result(), () -> String.valueOf(r.error()));
        assertEquals(List.of("hello", "web"), r.system().bootOrder());
        assertEquals(List.of("/bin/hello", "hi"), system.services().get(0).app().args());
        assertTrue(system.services().get(0).app().env().contains("HELLO=THERE"));
        assertEquals(List.of(1000), system.services().get(1).app().microVm().orElseThrow().vsockPorts());
        assertTrue(r.system().teardown().returnedAllMemory());
    }

    @Test
    void aServiceWhoseImageIsForAnotherMachineFailsTheSystemWithTheBinaryReason() throws Exception {
        SystemDescription system = SystemFile.read("""
                services:
                  hello:
                    image: kos/hello:1
                  bad:
                    image: kos/x86:1
                """, resolver());

        BootReport r = Sel4Preview.upAndDown(Sel4Preview.platform("qemu-arm-virt"), system);

        assertEquals("failed", r.result());
        assertEquals("bad", r.error().application());
        assertEquals("image 'kos/x86:1': binary /bin/hello is EM_X86_64; a board of architecture aarch64 runs "
                + "EM_AARCH64 binaries", r.error().detail());
    }

    @Test
    void anImageThatCannotBeFoundMakesTheComposeFileUnreadable() {
        var e = org.junit.jupiter.api.Assertions.assertThrows(io.huruhuru.sel4.UnreadableInputException.class,
                () -> SystemFile.read("services:\n  a:\n    image: nowhere:1\n", resolver()));

        assertTrue(e.getMessage().contains("service 'a': image 'nowhere:1' cannot be read: no image nowhere:1"),
                e.getMessage());
    }
}
