package io.huruhuru.validation.application;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.huruhuru.sel4.Sel4Preview;
import io.huruhuru.sel4.boot.PlatformCatalog;
import io.huruhuru.sel4.kernel.Architecture;
import io.huruhuru.sel4.report.BootReport;
import io.huruhuru.sel4.report.RunReport;
import io.huruhuru.sel4.system.ServiceProcess;
import io.huruhuru.validation.LayerFactsCache;
import io.huruhuru.validation.fixture.TalkImage;
import io.huruhuru.validation.fixture.TestImage;
import io.huruhuru.validation.layer.ReadLimits;
import io.huruhuru.validation.rootfs.ImageFileContents;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The talk's native image, built at test time, mapped and run on the model. */
class NativeImageRunTest {

    private static final ImageApplications APPS = new ImageApplications(ReadLimits.DEFAULT, LayerFactsCache.NONE);

    @TempDir
    Path dir;

    private TestImage talkImage() throws IOException, InterruptedException {
        return TalkImage.build(dir);
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
        assertEquals(TalkImage.CONSOLE, result.console());
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
