package io.huruhuru.server.preview;

import io.huruhuru.sel4.UnreadableInputException;
import io.huruhuru.sel4.boot.Platform;
import io.huruhuru.sel4.system.ServiceImage;
import io.huruhuru.sel4.system.ServiceImages;
import io.huruhuru.sel4.system.ServiceProcess;
import io.huruhuru.storage.manifest.StoredManifest;
import io.huruhuru.validation.application.ImageApplication;

/** A compose system's images as this registry stores them, pinned to the manifests its plan resolved. */
final class StoredServiceImages implements ServiceImages {

    private final ImagePreviews previews;
    private final Platform platform;
    private final SystemPlan.Resolved resolved;

    StoredServiceImages(ImagePreviews previews, Platform platform, SystemPlan.Resolved resolved) {
        this.previews = previews;
        this.platform = platform;
        this.resolved = resolved;
    }

    @Override
    public ServiceImage resolve(String service, String image, ServiceProcess process) throws UnreadableInputException {
        StoredManifest manifest = resolved.manifests().get(image);
        if (manifest == null) {
            // the plan read the same text: every image it names was resolved
            throw new UnreadableInputException("service " + service + ": image " + image + " was not resolved");
        }
        ImageApplication application = ImageBoot.fitting(previews.describe(
                resolved.images().get(image).repository(), ImagePreviews.raw(manifest), platform, process), platform);
        if (application instanceof ImageApplication.Bootable bootable) {
            return new ServiceImage.Bootable(bootable.application().withName(service));
        }
        ImageApplication.NotBootable not = (ImageApplication.NotBootable) application;
        return new ServiceImage.NotBootable(not.step(), not.reason());
    }
}
