package io.huruhuru.validation.application;

import io.huruhuru.oci.Descriptor;
import io.huruhuru.oci.ImageIndex;
import io.huruhuru.oci.MediaType;
import io.huruhuru.oci.Platform;
import io.huruhuru.sel4.kernel.Architecture;
import java.util.List;
import java.util.Optional;

/**
 * Which child of an index a board runs: the image manifest whose platform is Linux on the board's architecture
 * under its OCI name (aarch64 is {@code arm64}, x86_64 is {@code amd64}, image-spec image-index.md).
 */
final class IndexChoice {

    private IndexChoice() {
    }

    /** The OCI architecture name of the model's architecture. */
    static String ociName(Architecture architecture) {
        return switch (architecture) {
            case AARCH64 -> "arm64";
            case X86_64 -> "amd64";
        };
    }

    /** The first child for the architecture (an image manifest, or a nested index to look into). */
    static Optional<Descriptor> pick(ImageIndex index, Architecture architecture) {
        String wanted = ociName(architecture);
        return index.manifests().stream()
                .filter(d -> MediaType.isImageManifest(d.mediaType()) || MediaType.isIndex(d.mediaType()))
                .filter(d -> d.platform().isPresent() && d.platform().get().architecture().equals(wanted)
                        && (d.platform().get().os().isEmpty() || d.platform().get().os().equals("linux")))
                .findFirst();
    }

    /** "linux/amd64, linux/riscv64": the platforms an index lists, for a refusal. */
    static String listed(ImageIndex index) {
        List<String> platforms = index.manifests().stream().map(Descriptor::platform).flatMap(Optional::stream)
                .map(Platform::toString).distinct().toList();
        return platforms.isEmpty() ? "no platform" : String.join(", ", platforms) + (platforms.size() == 1 ? " only"
                : "");
    }
}
