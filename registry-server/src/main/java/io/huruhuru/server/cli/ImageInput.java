package io.huruhuru.server.cli;

import io.huruhuru.oci.ImageReference;
import io.huruhuru.validation.ArtifactLookup;
import io.huruhuru.validation.ImageSource;
import io.huruhuru.validation.archive.ArchiveSource;
import io.huruhuru.validation.layout.OciLayoutSource;
import io.huruhuru.validation.remote.RegistryOptions;
import io.huruhuru.validation.remote.RegistrySource;
import java.io.Closeable;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

/**
 * The IMAGE argument of {@code huruhuru validate} and {@code huruhuru verify}: an OCI layout directory, a tar archive (OCI or docker), or an
 * image in a registry.
 *
 * <p>With a skopeo transport prefix it is explicit: {@code oci:DIR[:REF]}, {@code oci-archive:FILE[:REF]},
 * {@code docker-archive:FILE[:REF]}, {@code docker://HOST[:PORT]/NAME[:TAG|@DIGEST]}. Without one, an existing path
 * (or an existing path followed by {@code :REF}) is local, a directory being a layout and a file an archive;
 * anything else must be a registry reference whose first component is a host.
 */
sealed interface ImageInput {

    /** An OCI image layout directory, and the name of the image in it. */
    record Layout(Path directory, Optional<String> reference) implements ImageInput {
    }

    /** A tar archive, OCI or docker, and the name of the image in it. */
    record Archive(Path file, Optional<String> reference) implements ImageInput {
    }

    /** An image in a registry. */
    record Registry(ImageReference reference) implements ImageInput {
    }

    /**
     * An opened image: where its manifests and blobs are read, where other manifests (by tag, as referrers) are
     * looked up, the name the input gives the image (a local reference or the layout's or archive's image name; the
     * registry reference), and what to close.
     */
    record Opened(ImageSource source, ArtifactLookup lookup, Optional<String> name, Closeable resource) {
    }

    /** Opens the image; a registry with {@code options} (plain HTTP, credentials). */
    static Opened open(ImageInput input, RegistryOptions options) throws IOException {
        if (input instanceof Layout layout) {
            OciLayoutSource source = OciLayoutSource.open(layout.directory(), layout.reference());
            return new Opened(source, source, layout.reference().or(source::imageName), () -> { });
        }
        if (input instanceof Archive archive) {
            ArchiveSource source = ArchiveSource.open(archive.file(), archive.reference());
            return new Opened(source, source, archive.reference().or(source::imageName), source);
        }
        ImageReference reference = ((Registry) input).reference();
        RegistrySource source = RegistrySource.open(reference, options);
        return new Opened(source, source, Optional.of(reference.toString()), () -> { });
    }

    /**
     * Tells which input {@code text} is.
     *
     * @throws IllegalArgumentException saying why it is none
     */
    static ImageInput parse(String text) {
        if (text.startsWith("docker://")) {
            return registry(text.substring("docker://".length()), text);
        }
        if (text.startsWith("oci:")) {
            String[] parts = pathAndReference(text.substring("oci:".length()));
            return new Layout(Path.of(parts[0]), reference(parts));
        }
        for (String prefix : new String[] {"oci-archive:", "docker-archive:"}) {
            if (text.startsWith(prefix)) {
                String[] parts = pathAndReference(text.substring(prefix.length()));
                return new Archive(Path.of(parts[0]), reference(parts));
            }
        }
        if (!text.isEmpty() && Files.exists(Path.of(text))) {
            return local(Path.of(text), Optional.empty());
        }
        String[] parts = pathAndReference(text);
        if (parts.length == 2 && !parts[0].isEmpty() && Files.exists(Path.of(parts[0]))) {
            return local(Path.of(parts[0]), reference(parts));
        }
        ImageReference reference;
        try {
            reference = ImageReference.parse(text);
        } catch (IllegalArgumentException e) {
            throw notAnImage(text);
        }
        if (reference.registry().isEmpty()) {
            throw notAnImage(text);
        }
        return new Registry(reference);
    }

    private static ImageInput local(Path path, Optional<String> reference) {
        return Files.isDirectory(path) ? new Layout(path, reference) : new Archive(path, reference);
    }

    private static Registry registry(String reference, String text) {
        ImageReference parsed = ImageReference.parse(reference);
        if (parsed.registry().isEmpty()) {
            throw new IllegalArgumentException(text + " names no registry host: write docker://HOST[:PORT]/NAME:TAG");
        }
        return new Registry(parsed);
    }

    /** skopeo splits {@code PATH:REFERENCE} at the first colon, so a path cannot hold one; nor can ours. */
    private static String[] pathAndReference(String text) {
        int colon = text.indexOf(':');
        return colon < 0 ? new String[] {text} : new String[] {text.substring(0, colon), text.substring(colon + 1)};
    }

    private static Optional<String> reference(String[] parts) {
        return parts.length == 2 && !parts[1].isEmpty() ? Optional.of(parts[1]) : Optional.empty();
    }

    private static IllegalArgumentException notAnImage(String text) {
        return new IllegalArgumentException(text + " is neither an existing path nor a registry reference with a host "
                + "(HOST[:PORT]/NAME[:TAG|@DIGEST]); prefixes make it explicit: oci:DIR[:REF], oci-archive:FILE[:REF], "
                + "docker-archive:FILE[:REF], docker://HOST[:PORT]/NAME[:TAG]");
    }
}
