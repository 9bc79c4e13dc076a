package io.huruhuru.server.preview;

import io.huruhuru.sel4.Sel4Preview;
import io.huruhuru.sel4.app.ApplicationDescription;
import io.huruhuru.sel4.app.ByteSize;
import io.huruhuru.sel4.app.MemoryDemand;
import io.huruhuru.sel4.boot.Platform;
import io.huruhuru.sel4.report.BootReport;
import io.huruhuru.server.preview.PreviewReports.Outcome;
import io.huruhuru.validation.application.ImageApplication;
import io.huruhuru.validation.application.ImageRun;
import java.util.List;
import java.util.Optional;

/** Boots what an image maps to on a board of the model: the one step the registry's previews and the CLI share. */
public final class ImageBoot {

    /** The step a demand larger than the board's RAM stops at, before anything is booted. */
    public static final String MEMORY_STEP = "memory";

    private ImageBoot() {
    }

    /**
     * A native application booted alone on {@code platform} and run for at most {@code budget} instructions (the
     * report's {@code boot.run}); anything else booted as {@link #boot} does.
     */
    public static Outcome run(ImageRun run, Platform platform, long budget) {
        if (run instanceof ImageRun.Native prepared) {
            Optional<String> tooLarge = tooLarge(prepared.bootable().application(), platform);
            if (tooLarge.isPresent()) {
                return Outcome.notBootable(MEMORY_STEP, tooLarge.get());
            }
            BootReport boot = Sel4Preview.bootAndRun(platform, prepared.runnable(), prepared.rootfs(), budget);
            return Outcome.of(prepared.bootable().manifest(), prepared.bootable().notes(), boot);
        }
        return boot(((ImageRun.NotRun) run).application(), platform);
    }

    /** The application booted alone on {@code platform}, or the mapping step that stopped it. */
    public static Outcome boot(ImageApplication application, Platform platform) {
        ImageApplication checked = fitting(application, platform);
        if (checked instanceof ImageApplication.Bootable bootable) {
            BootReport boot = Sel4Preview.boot(platform, List.of(bootable.application()));
            return Outcome.of(bootable.manifest(), bootable.notes(), boot);
        }
        ImageApplication.NotBootable not = (ImageApplication.NotBootable) checked;
        return Outcome.notBootable(not.step(), not.reason());
    }

    /**
     * {@code application}, or not bootable at step {@value #MEMORY_STEP} when its memory demand exceeds all the RAM
     * of {@code platform}: the model would build per-page state for such a demand only to fail, so a label asking
     * for gigabytes costs the registry nothing (the kernel's own check, seL4_Untyped_Retype's
     * seL4_NotEnoughMemory, still decides every demand that fits the RAM).
     */
    public static ImageApplication fitting(ImageApplication application, Platform platform) {
        if (application instanceof ImageApplication.Bootable bootable) {
            Optional<String> tooLarge = tooLarge(bootable.application(), platform);
            if (tooLarge.isPresent()) {
                return new ImageApplication.NotBootable(MEMORY_STEP, tooLarge.get());
            }
        }
        return application;
    }

    private static Optional<String> tooLarge(ApplicationDescription app, Platform platform) {
        MemoryDemand demand = MemoryDemand.of(app);
        if (demand.totalBytes() <= platform.ramBytes()) {
            return Optional.empty();
        }
        return Optional.of("application " + app.name() + " asks for " + ByteSize.text(demand.totalBytes()) + " ("
                + demand.breakdown() + ") but " + platform.name() + " has " + ByteSize.text(platform.ramBytes())
                + " of RAM in all; lower the koskit memory labels (com.koskit.app.spec.heap_pages and the untyped"
                + " counts) or choose a board with more memory (GET /sel4/v1/platforms)");
    }
}
