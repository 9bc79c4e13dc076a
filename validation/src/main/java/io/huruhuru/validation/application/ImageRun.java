package io.huruhuru.validation.application;

import io.huruhuru.sel4.Sel4Preview;
import io.huruhuru.sel4.run.ProgramFile;
import io.huruhuru.sel4.run.RootFilesystem;
import java.util.Objects;

/** What running an image on the model needs, or the mapping's answer when its code cannot run there. */
public sealed interface ImageRun {

    /**
     * A native application: its description, the bytes of its binary and the image's root filesystem.
     *
     * @param bootable the mapping, as {@link ImageApplications#describe} gives it
     * @param program the binary the description's ELF image was read from
     */
    record Native(ImageApplication.Bootable bootable, ProgramFile program, RootFilesystem rootfs)
            implements ImageRun {
        public Native {
            Objects.requireNonNull(bootable, "bootable");
            Objects.requireNonNull(program, "program");
            Objects.requireNonNull(rootfs, "rootfs");
        }

        /** The description with its program, as {@link Sel4Preview#bootAndRun} takes it. */
        public Sel4Preview.RunnableApplication runnable() {
            return new Sel4Preview.RunnableApplication(bootable.application(), program);
        }
    }

    /**
     * An image whose code is not run: a {@link ImageApplication.NotBootable} (a root filesystem too large to
     * serve is one, step {@code rootfs}), or a microVM, which the model boots but does not execute.
     */
    record NotRun(ImageApplication application) implements ImageRun {
        public NotRun {
            Objects.requireNonNull(application, "application");
        }
    }
}
