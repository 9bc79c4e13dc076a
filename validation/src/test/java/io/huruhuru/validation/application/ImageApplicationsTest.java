package io.huruhuru.validation.application;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.huruhuru.oci.Digest;
import io.huruhuru.sel4.Sel4Preview;
import io.huruhuru.sel4.app.ApplicationDescription;
import io.huruhuru.sel4.app.MicroVm;
import io.huruhuru.sel4.boot.PlatformCatalog;
import io.huruhuru.sel4.kernel.Architecture;
import io.huruhuru.sel4.report.BootReport;
import io.huruhuru.sel4.system.ServiceProcess;
import io.huruhuru.validation.ImageSource;
import io.huruhuru.validation.LayerFactsCache;
import io.huruhuru.validation.fixture.ElfBuilder;
import io.huruhuru.validation.fixture.TarBuilder;
import io.huruhuru.validation.fixture.TestImage;
import io.huruhuru.validation.layer.ReadLimits;
import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class ImageApplicationsTest {

    private static final ImageApplications APPS = new ImageApplications(ReadLimits.DEFAULT, LayerFactsCache.NONE);

    /** The talk's image: ENTRYPOINT ["/bin/hello"], CMD ["hello_world", "test"], ENV HELLO=WORLD, nine labels. */
    static TestImage talkImage() {
        return TestImage.hello().entrypoint("/bin/hello").cmd("hello_world", "test").env("HELLO=WORLD");
    }

    private static ImageApplication describe(ImageSource source, Architecture a, ServiceProcess p) throws IOException {
        return APPS.describe(source, a, p);
    }

    private static ApplicationDescription bootable(ImageApplication a) {
        return assertInstanceOf(ImageApplication.Bootable.class, a, a.toString()).application();
    }

    private static ImageApplication.NotBootable notBootable(ImageApplication a) {
        return assertInstanceOf(ImageApplication.NotBootable.class, a, a.toString());
    }

    @Test
    void aKoskitImageBootsNativelyWithResourcesFromTheLabelsAndItsProcessFromTheConfig() throws IOException {
        TestImage image = talkImage();

        ImageApplication result = describe(image.source(), Architecture.AARCH64, ServiceProcess.UNCHANGED);

        ApplicationDescription app = bootable(result);
        assertEquals("hello", app.name());
        assertEquals(List.of(2560, 4, 24, 180, 190), List.of(app.heapPages(), app.utLargePages(), app.ut4kPages(),
                app.priority(), app.maxPriority()));
        assertEquals(ApplicationDescription.DEFAULT_STACK_PAGES, app.stackPages());
        assertEquals(List.of("hello_protocol"), app.publishes());
        assertEquals(List.of("/bin/hello", "hello_world", "test"), app.args());
        assertEquals(List.of("PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin", "HELLO=WORLD"),
                app.env());
        assertTrue(app.microVm().isEmpty());
        assertTrue(app.elf().positionIndependent());
        assertEquals(Digest.of(io.huruhuru.oci.DigestAlgorithm.SHA256, image.manifestBytes()),
                ((ImageApplication.Bootable) result).manifest());
    }

    @Test
    void theNativeDescriptionBootsOnTheModel() throws IOException {
        ApplicationDescription app = bootable(describe(talkImage().source(), Architecture.AARCH64,
                ServiceProcess.UNCHANGED));

        BootReport report = Sel4Preview.boot(PlatformCatalog.find("qemu-arm-virt").orElseThrow(), List.of(app));

        assertTrue(report.booted(), () -> String.valueOf(report.error()));
    }

    @Test
    void composeCommandReplacesCmdOnly() throws IOException {
        ServiceProcess p = new ServiceProcess(Optional.empty(), Optional.of(List.of("other")), Map.of());

        assertEquals(List.of("/bin/hello", "other"),
                bootable(describe(talkImage().source(), Architecture.AARCH64, p)).args());
    }

    @Test
    void composeEntrypointReplacesEntrypointAndDropsCmd() throws IOException {
        ServiceProcess p = new ServiceProcess(Optional.of(List.of("/bin/hello", "-v")), Optional.empty(), Map.of());

        assertEquals(List.of("/bin/hello", "-v"),
                bootable(describe(talkImage().source(), Architecture.AARCH64, p)).args());
    }

    @Test
    void composeEntrypointAndCommandTogetherGiveBoth() throws IOException {
        ServiceProcess p = new ServiceProcess(Optional.of(List.of("/bin/hello")), Optional.of(List.of("x")), Map.of());

        assertEquals(List.of("/bin/hello", "x"), bootable(describe(talkImage().source(), Architecture.AARCH64, p))
                .args());
    }

    @Test
    void composeEnvironmentOverridesAndAddsToEnv() throws IOException {
        Map<String, String> env = new LinkedHashMap<>();
        env.put("HELLO", "THERE");
        env.put("MODE", "fast");
        ServiceProcess p = new ServiceProcess(Optional.empty(), Optional.empty(), env);

        List<String> result = bootable(describe(talkImage().source(), Architecture.AARCH64, p)).env();

        assertEquals(List.of("PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin", "HELLO=THERE",
                "MODE=fast"), result);
    }

    @Test
    void aKoskitBinaryForAnotherMachineIsNotBootableAndSaysWhichMachineTheBoardRuns() throws IOException {
        TestImage image = talkImage().layers(TarBuilder.tar().dir("bin")
                .file("bin/hello", ElfBuilder.staticPie().machine(ElfBuilder.EM_X86_64).build(), 0755)
                .file("share.spec.json", TestImage.SPEC_JSON).gzipLayer());

        ImageApplication.NotBootable n = notBootable(describe(image.source(), Architecture.AARCH64,
                ServiceProcess.UNCHANGED));

        assertEquals("binary", n.step());
        assertEquals("binary /bin/hello is EM_X86_64; a board of architecture aarch64 runs EM_AARCH64 binaries",
                n.reason());
    }

    @Test
    void aFixedAddressKoskitBinaryIsNotBootableAndSaysHowToLinkIt() throws IOException {
        TestImage image = talkImage().layers(TarBuilder.tar().dir("bin")
                .file("bin/hello", ElfBuilder.staticPie().type(2).build(), 0755)
                .file("share.spec.json", TestImage.SPEC_JSON).gzipLayer());

        ImageApplication.NotBootable n = notBootable(describe(image.source(), Architecture.AARCH64,
                ServiceProcess.UNCHANGED));

        assertEquals("binary", n.step());
        assertTrue(n.reason().contains("ET_EXEC") && n.reason().contains("-static-pie"), n.reason());
    }

    @Test
    void aMissingRequiredLabelIsNotBootableAtTheLabelsStep() throws IOException {
        TestImage image = talkImage().withoutLabel("com.koskit.app.spec.heap_pages");

        ImageApplication.NotBootable n = notBootable(describe(image.source(), Architecture.AARCH64,
                ServiceProcess.UNCHANGED));

        assertEquals("labels", n.step());
        assertTrue(n.reason().contains("com.koskit.app.spec.heap_pages"), n.reason());
    }

    @Test
    void aSpecFileThatDisagreesWithTheLabelsIsNotBootableAtTheSpecStep() throws IOException {
        TestImage image = talkImage().label("com.koskit.app.spec.heap_pages", "100");

        ImageApplication.NotBootable n = notBootable(describe(image.source(), Architecture.AARCH64,
                ServiceProcess.UNCHANGED));

        assertEquals("spec", n.step());
    }

    @Test
    void anImageWithoutKoskitLabelsBootsAsAMicroVmWithItsLayersPortsAndProcess() throws IOException {
        TarBuilder.Layer base = TarBuilder.tar().file("usr/bin/python3", "not really python").gzipLayer();
        TarBuilder.Layer app = TarBuilder.tar().dir("app").file("app/main.py", "print('hi')").gzipLayer();
        TestImage image = TestImage.plain().layers(base, app).expose("1000/tcp", "53/udp").workingDir("/app")
                .cmd("python3", "main.py").env("PYTHONUNBUFFERED=1");

        ImageApplication result = describe(image.source(), Architecture.AARCH64, ServiceProcess.UNCHANGED);

        ApplicationDescription d = bootable(result);
        MicroVm vm = d.microVm().orElseThrow();
        assertEquals(List.of(TarBuilder.sha256(base.blob()), TarBuilder.sha256(app.blob())), vm.layers());
        assertEquals(List.of(53, 1000), vm.vsockPorts());
        assertEquals("/app", vm.cwd());
        assertEquals(List.of("python3", "main.py"), d.args());
        assertTrue(d.env().contains("PYTHONUNBUFFERED=1"));
        assertTrue(((ImageApplication.Bootable) result).notes().stream().anyMatch(n -> n.startsWith("microVM")));
    }

    @Test
    void theMicroVmDescriptionBootsOnTheModel() throws IOException {
        TestImage image = TestImage.plain().expose("1000").cmd("/bin/sh");
        ApplicationDescription d = bootable(describe(image.source(), Architecture.AARCH64, ServiceProcess.UNCHANGED));

        BootReport report = Sel4Preview.boot(PlatformCatalog.find("qemu-arm-virt").orElseThrow(), List.of(d));

        assertTrue(report.booted(), () -> String.valueOf(report.error()));
    }

    @Test
    void aMicroVmWithNothingToRunIsNotBootable() throws IOException {
        ImageApplication.NotBootable n = notBootable(describe(TestImage.plain().source(), Architecture.AARCH64,
                ServiceProcess.UNCHANGED));

        assertEquals("config", n.step());
    }

    @Test
    void aHostileExposedPortIsNotBootableRatherThanAnError() throws IOException {
        ImageApplication.NotBootable n = notBootable(describe(TestImage.plain().cmd("x").expose("99999/tcp")
                .source(), Architecture.AARCH64, ServiceProcess.UNCHANGED));

        assertEquals("config", n.step());
        assertTrue(n.reason().contains("99999/tcp"), n.reason());
    }

    @Test
    void anIndexPicksTheChildForTheBoardsArchitectureAndSaysSo() throws IOException {
        Map<String, TestImage> images = new LinkedHashMap<>();
        images.put("amd64", talkImage().architecture("amd64").layers(TarBuilder.tar().dir("bin")
                .file("bin/hello", ElfBuilder.staticPie().machine(ElfBuilder.EM_X86_64).build(), 0755)
                .file("share.spec.json", TestImage.SPEC_JSON).gzipLayer()));
        images.put("arm64", talkImage());
        ImageSource index = TestImage.index(images);

        ImageApplication.Bootable arm = assertInstanceOf(ImageApplication.Bootable.class,
                describe(index, Architecture.AARCH64, ServiceProcess.UNCHANGED));
        ImageApplication.Bootable x86 = assertInstanceOf(ImageApplication.Bootable.class,
                describe(index, Architecture.X86_64, ServiceProcess.UNCHANGED));

        assertEquals(183, arm.application().elf().machine());
        assertEquals(62, x86.application().elf().machine());
        assertEquals(Digest.of(io.huruhuru.oci.DigestAlgorithm.SHA256, images.get("arm64").manifestBytes()),
                arm.manifest());
        assertTrue(arm.notes().get(0).contains("picked linux/arm64"), arm.notes().toString());
    }

    @Test
    void anIndexWithoutTheBoardsArchitectureIsNotBootableAndListsWhatItHas() throws IOException {
        ImageSource index = TestImage.index(Map.of("amd64", talkImage().architecture("amd64")));

        ImageApplication.NotBootable n = notBootable(describe(index, Architecture.AARCH64, ServiceProcess.UNCHANGED));

        assertEquals("platform", n.step());
        assertTrue(n.reason().contains("lists linux/amd64 only") && n.reason().contains("linux/arm64"), n.reason());
    }

    @Test
    void anImageBuiltForAnotherArchitectureIsNotBootable() throws IOException {
        ImageApplication.NotBootable n = notBootable(describe(talkImage().architecture("amd64").source(),
                Architecture.AARCH64, ServiceProcess.UNCHANGED));

        assertEquals("platform", n.step());
    }

    @Test
    void hostileExposedPortsAreNotBootableAtTheConfigStep() throws IOException {
        for (String port : List.of("0/tcp", "-1", "1000/tcp/x", "1000/icmp", "x/tcp", "65536", "")) {
            ImageApplication.NotBootable n = notBootable(describe(TestImage.plain().cmd("x").expose(port).source(),
                    Architecture.AARCH64, ServiceProcess.UNCHANGED));

            assertEquals("config", n.step(), port);
        }
    }

    @Test
    void moreExposedPortsThanTheLimitAreNotBootable() throws IOException {
        TestImage image = TestImage.plain().cmd("x");
        for (int p = 1; p <= ExposedPorts.MAX_PORTS + 1; p++) {
            image.expose(p + "/tcp");
        }

        assertEquals("config", notBootable(describe(image.source(), Architecture.AARCH64, ServiceProcess.UNCHANGED))
                .step());
    }

    @Test
    void aConfigThatIsNoObjectIsNotBootableAtTheConfigStep() throws IOException {
        ImageApplication.NotBootable n = notBootable(describe(TestImage.plain().rawConfig("[1, 2]").source(),
                Architecture.AARCH64, ServiceProcess.UNCHANGED));

        assertEquals("config", n.step());
    }

    @Test
    void aManifestThatIsNoManifestIsNotBootableAtTheManifestStep() throws IOException {
        ImageSource source = new io.huruhuru.validation.fixture.MemorySource(
                io.huruhuru.validation.RawManifest.of("{\"schemaVersion\": 2}".getBytes(
                        java.nio.charset.StandardCharsets.UTF_8), TestImage.OCI_MANIFEST), Map.of(), Map.of());

        assertEquals("manifest", notBootable(describe(source, Architecture.AARCH64, ServiceProcess.UNCHANGED)).step());
    }

    @Test
    void aKoskitImageWhoseBinaryIsMissingIsNotBootableAtTheBinaryStep() throws IOException {
        TestImage image = talkImage().label("com.koskit.app.binary.loopback", "/bin/absent");

        assertEquals("binary", notBootable(describe(image.source(), Architecture.AARCH64, ServiceProcess.UNCHANGED))
                .step());
    }
}
