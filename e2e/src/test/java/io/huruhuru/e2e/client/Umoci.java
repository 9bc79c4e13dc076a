package io.huruhuru.e2e.client;

import io.huruhuru.e2e.process.Command;
import java.nio.file.Path;

/** umoci, which makes and unpacks OCI image layouts without any registry or daemon. */
public final class Umoci {

    private Umoci() {
    }

    /** A new layout holding one image with a single layer that adds {@code file} at {@code pathInImage}. */
    public static void createImage(Path layout, String tag, Path file, String pathInImage) {
        Command.of("umoci", "init", "--layout", layout.toString()).runOk();
        String image = layout + ":" + tag;
        Command.of("umoci", "new", "--image", image).runOk();
        Command.of("umoci", "insert", "--image", image, file.toString(), pathInImage).runOk();
        Command.of("umoci", "config", "--image", image, "--config.cmd", pathInImage).runOk();
    }

    /** Unpacks an image into a runtime bundle, whose {@code rootfs} shows what the layers really contain. */
    public static Path unpack(Path layout, String tag, Path bundle) {
        Command.of("umoci", "unpack", "--image", layout + ":" + tag, bundle.toString()).runOk();
        return bundle.resolve("rootfs");
    }
}
