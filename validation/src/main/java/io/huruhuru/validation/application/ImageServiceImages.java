package io.huruhuru.validation.application;

import io.huruhuru.sel4.UnreadableInputException;
import io.huruhuru.sel4.kernel.Architecture;
import io.huruhuru.sel4.system.ServiceImage;
import io.huruhuru.sel4.system.ServiceImages;
import io.huruhuru.sel4.system.ServiceProcess;
import io.huruhuru.validation.ImageSource;
import java.io.IOException;
import java.util.Objects;

/** Compose services whose {@code image:} values name images a {@link Lookup} finds, mapped for one board. */
public final class ImageServiceImages implements ServiceImages {

    /** Finds the image an {@code image:} value names. */
    @FunctionalInterface
    public interface Lookup {
        /** @throws IOException when there is no such image or it cannot be read */
        ImageSource find(String image) throws IOException;
    }

    private final ImageApplications applications;
    private final Architecture architecture;
    private final Lookup lookup;

    public ImageServiceImages(ImageApplications applications, Architecture architecture, Lookup lookup) {
        this.applications = Objects.requireNonNull(applications, "applications");
        this.architecture = Objects.requireNonNull(architecture, "architecture");
        this.lookup = Objects.requireNonNull(lookup, "lookup");
    }

    @Override
    public ServiceImage resolve(String service, String image, ServiceProcess process) throws UnreadableInputException {
        ImageApplication application;
        try {
            application = applications.describe(lookup.find(image), architecture, process);
        } catch (IOException e) {
            throw new UnreadableInputException("image '" + image + "' cannot be read: " + e.getMessage(), e);
        }
        if (application instanceof ImageApplication.Bootable b) {
            return new ServiceImage.Bootable(b.application().withName(service));
        }
        ImageApplication.NotBootable n = (ImageApplication.NotBootable) application;
        return new ServiceImage.NotBootable(n.step(), "image '" + image + "': " + n.reason());
    }
}
