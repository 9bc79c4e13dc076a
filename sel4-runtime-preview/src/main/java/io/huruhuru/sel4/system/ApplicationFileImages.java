package io.huruhuru.sel4.system;

import io.huruhuru.sel4.UnreadableInputException;
import io.huruhuru.sel4.app.ApplicationDescription;
import io.huruhuru.sel4.app.ApplicationFile;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * The compose file form: an {@code image:} names an application description JSON file relative to the compose
 * file. Its {@code args} play the part of CMD (with no ENTRYPOINT), so {@code command} and {@code entrypoint}
 * replace them as they would an image's.
 */
public final class ApplicationFileImages implements ServiceImages {

    private final Path directory;

    public ApplicationFileImages(Path directory) {
        this.directory = directory;
    }

    @Override
    public ServiceImage resolve(String service, String image, ServiceProcess process) throws UnreadableInputException {
        Path app = directory.resolve(image);
        if (!image.endsWith(".json") || !Files.isRegularFile(app)) {
            throw new UnreadableInputException("image '" + image + "' is not an application description file; in "
                    + "the file form, image names an app.json beside the compose file");
        }
        ApplicationDescription description = ApplicationFile.read(app).withName(service);
        return new ServiceImage.Bootable(description.withProcess(process.args(List.of(), description.args()),
                process.env(description.env())));
    }
}
