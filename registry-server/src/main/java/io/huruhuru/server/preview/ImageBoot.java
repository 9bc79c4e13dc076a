package io.huruhuru.server.preview;

import io.huruhuru.sel4.Sel4Preview;
import io.huruhuru.sel4.boot.Platform;
import io.huruhuru.sel4.report.BootReport;
import io.huruhuru.server.preview.PreviewReports.Outcome;
import io.huruhuru.validation.application.ImageApplication;
import io.huruhuru.validation.application.ImageRun;
import java.util.List;

/** Boots what an image maps to on a board of the model: the one step the registry's previews and the CLI share. */
public final class ImageBoot {

    private ImageBoot() {
    }

    /**
     * A native application booted alone on {@code platform} and run for at most {@code budget} instructions (the
     * report's {@code boot.run}); anything else booted as {@link #boot} does.
     */
    public static Outcome run(ImageRun run, Platform platform, long budget) {
        if (run instanceof ImageRun.Native prepared) {
            BootReport boot = Sel4Preview.bootAndRun(platform, prepared.runnable(), prepared.rootfs(), budget);
            return Outcome.of(prepared.bootable().manifest(), prepared.bootable().notes(), boot);
        }
        return boot(((ImageRun.NotRun) run).application(), platform);
    }

    /** The application booted alone on {@code platform}, or the mapping step that stopped it. */
    public static Outcome boot(ImageApplication application, Platform platform) {
        if (application instanceof ImageApplication.Bootable bootable) {
            BootReport boot = Sel4Preview.boot(platform, List.of(bootable.application()));
            return Outcome.of(bootable.manifest(), bootable.notes(), boot);
        }
        ImageApplication.NotBootable not = (ImageApplication.NotBootable) application;
        return Outcome.notBootable(not.step(), not.reason());
    }
}
