package io.huruhuru.validation.application;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.abort;

import io.huruhuru.sel4.Sel4Preview;
import io.huruhuru.sel4.boot.PlatformCatalog;
import io.huruhuru.sel4.kernel.Architecture;
import io.huruhuru.sel4.report.BootReport;
import io.huruhuru.sel4.report.RunReport;
import io.huruhuru.sel4.system.ServiceProcess;
import io.huruhuru.validation.LayerFactsCache;
import io.huruhuru.validation.fixture.TarBuilder;
import io.huruhuru.validation.fixture.TestImage;
import io.huruhuru.validation.layer.ReadLimits;
import io.huruhuru.validation.rootfs.ImageFileContents;
import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The talk's native image, built at test time, mapped and run on the model. */
class NativeImageRunTest {

    private static final String CC = "aarch64-linux-gnu-gcc";
    private static final String FOO = "the content of foo.txt\n";
    private static final String SPEC = "{\"name\":\"hello\",\"binary\":\"/hello\",\"heap_pages\":2560,"
            + "\"ut_large_page\":4,\"ut_4k_pages\":24,\"priority\":180,\"max_priority\":190,"
            + "\"publishes\":[\"hello_protocol\"]}";
    private static final ImageApplications APPS = new ImageApplications(ReadLimits.DEFAULT, LayerFactsCache.NONE);

    @TempDir
    Path dir;

    /** FROM scratch; COPY hello foo.txt bar.txt; ENV HELLO=WORLD; ENTRYPOINT ["/hello"]; CMD [...]; koskit labels. */
    private TestImage talkImage() throws IOException, InterruptedException {
        byte[] hello = compileHello();
        return TestImage.plain().labels(TestImage.helloLabels()).label("com.koskit.app.binary.loopback", "/hello")
                .layers(TarBuilder.tar().file("hello", hello, 0755).file("foo.txt", FOO)
                        .file("bar.txt", "bar\n").file("share.spec.json", SPEC).gzipLayer())
                .env("HELLO=WORLD").entrypoint("/hello").cmd("hello_world", "test");
    }

    private byte[] compileHello() throws IOException, InterruptedException {
        if (!onPath(CC)) {
            String missing = CC + " is not on PATH (Debian: gcc-aarch64-linux-gnu)";
            if ("true".equals(System.getenv("CI"))) {
                throw new AssertionError(missing);
            }
            abort(missing);
        }
        Path source = dir.resolve("hello.c");
        try (InputStream in = NativeImageRunTest.class.getResourceAsStream("/native/hello.c")) {
            Files.write(source, in.readAllBytes());
        }
        Path out = dir.resolve("hello");
        Process p = new ProcessBuilder(CC, "-static-pie", "-O2", "-o", out.toString(), source.toString())
                .redirectErrorStream(true).start();
        String log = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(p.waitFor(120, TimeUnit.SECONDS) && p.exitValue() == 0, log);
        return Files.readAllBytes(out);
    }

    private static boolean onPath(String tool) {
        for (String entry : System.getenv().getOrDefault("PATH", "").split(File.pathSeparator)) {
            if (!entry.isEmpty() && Files.isExecutable(Path.of(entry, tool))) {
                return true;
            }
        }
        return false;
    }

    @Test
    void theTalksImageRunsOnTheModelAndPrintsItsArgumentsEnvironmentAndFile() throws Exception {
        ImageRun prepared = APPS.prepareRun(talkImage().source(), Architecture.AARCH64, ServiceProcess.UNCHANGED,
                ImageFileContents.DEFAULT_MAX_BYTES);
        ImageRun.Native run = assertInstanceOf(ImageRun.Native.class, prepared, prepared.toString());

        BootReport report = Sel4Preview.bootAndRun(PlatformCatalog.find("qemu-arm-virt").orElseThrow(),
                run.runnable(), run.rootfs(), 200_000_000L);

        RunReport result = report.run();
        assertEquals(List.of("/hello", "hello_world", "test"), run.bootable().application().args());
        assertEquals(RunReport.EXITED + " 0", result.result() + " " + result.exitStatus(), result.toString());
        assertEquals("hello_world test\nHELLO=WORLD\n" + FOO, result.console());
    }

    @Test
    void aRootFilesystemLargerThanTheBoundIsNotBootableAtStepRootfs() throws Exception {
        ImageRun prepared = APPS.prepareRun(talkImage().source(), Architecture.AARCH64, ServiceProcess.UNCHANGED,
                64 << 10);

        ImageRun.NotRun notRun = assertInstanceOf(ImageRun.NotRun.class, prepared);
        ImageApplication.NotBootable why = assertInstanceOf(ImageApplication.NotBootable.class,
                notRun.application());
        assertEquals("rootfs", why.step());
    }

    @Test
    void aMicroVmImageIsNotRunAndCarriesItsBootableMapping() throws Exception {
        TestImage image = TestImage.plain().cmd("python3", "main.py");

        ImageRun prepared = APPS.prepareRun(image.source(), Architecture.AARCH64, ServiceProcess.UNCHANGED,
                ImageFileContents.DEFAULT_MAX_BYTES);

        ImageRun.NotRun notRun = assertInstanceOf(ImageRun.NotRun.class, prepared);
        ImageApplication.Bootable vm = assertInstanceOf(ImageApplication.Bootable.class, notRun.application());
        assertTrue(vm.application().microVm().isPresent());
    }

    @Test
    void anImageThatDoesNotMapIsNotRunWithTheMappingsReason() throws Exception {
        TestImage image = TestImage.hello().architecture("amd64");

        ImageRun prepared = APPS.prepareRun(image.source(), Architecture.AARCH64, ServiceProcess.UNCHANGED,
                ImageFileContents.DEFAULT_MAX_BYTES);

        ImageRun.NotRun notRun = assertInstanceOf(ImageRun.NotRun.class, prepared);
        assertEquals("platform", assertInstanceOf(ImageApplication.NotBootable.class, notRun.application()).step());
    }
}
