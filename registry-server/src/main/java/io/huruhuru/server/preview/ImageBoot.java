package io.huruhuru.server.preview;

import io.huruhuru.sel4.Sel4Preview;
import io.huruhuru.sel4.boot.Platform;
import io.huruhuru.sel4.report.BootReport;
import io.huruhuru.server.preview.PreviewReports.Outcome;
import io.huruhuru.validation.application.ImageApplication;
import java.util.List;

/** Boots what an image maps to on a board of the model: the one step the registry's previews and the CLI share. */
public final class ImageBoot {

    private ImageBoot() {
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
