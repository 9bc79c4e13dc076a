package io.huruhuru.server.preview;

import io.huruhuru.oci.ImageIndex;
import io.huruhuru.oci.ImageManifest;
import io.huruhuru.oci.Manifest;
import io.huruhuru.oci.MediaType;
import io.huruhuru.oci.RepositoryName;
import io.huruhuru.server.http.ErrorCode;
import io.huruhuru.server.http.RegistryException;
import io.huruhuru.storage.attachment.AttachmentRole;
import io.huruhuru.storage.attachment.ManifestAttachment;
import io.huruhuru.validation.RawManifest;
import io.huruhuru.validation.budget.Policy;
import io.huruhuru.validation.budget.PolicyRule;
import java.util.Optional;

/**
 * The {@code requireBoot} rule on push: an image pushed to a repository whose policy rule names a board must boot
 * there on the seL4 model, or the push is refused with {@code MANIFEST_INVALID} naming the failing step; the
 * preview report of an accepted one is kept with it. Artifacts (manifests whose config is no image config, or
 * that have no layers; indexes that list no platform) are not images and pass unchecked.
 */
public final class BootGate {

    /** The in-toto predicate type of the registry's signed attestation of a boot preview. */
    public static final String PREDICATE_TYPE = "https://huruhuru.dev/attestations/boot-preview/v1";

    /** The role under which the boot preview of an accepted manifest is kept with it. */
    public static final AttachmentRole REPORT_ROLE = AttachmentRole.parse("boot-preview");

    /** The mapping step of an image built for another architecture than the board's. */
    private static final String PLATFORM_STEP = "platform";

    private final ImagePreviews previews;
    private final Policy policy;

    public BootGate(ImagePreviews previews, Policy policy) {
        this.previews = previews;
        this.policy = policy;
    }

    /**
     * The preview report to keep with {@code manifest}, when the repository's rule requires a boot; runs the model,
     * so call it from a worker.
     *
     * @param tagged whether the push names a tag: an untagged image manifest whose config is built for another
     *     architecture than the board's is a child of a multi-platform index and passes (the index is gated: the
     *     child it lists for the board must boot), a tagged one must boot like any image
     * @throws RegistryException {@code MANIFEST_INVALID} when the image cannot boot on the rule's board
     */
    public Optional<ManifestAttachment> check(RepositoryName repository, Manifest manifest, RawManifest raw,
            boolean tagged) {
        Optional<String> board = policy.ruleFor(repository).flatMap(PolicyRule::requireBoot);
        if (board.isEmpty() || !isImage(manifest)) {
            return Optional.empty();
        }
        ImagePreviews.Gated gated = previews.gate(repository, raw, ImagePreviews.platform(board.get()));
        if (!gated.outcome().booted()) {
            if (!tagged && manifest instanceof ImageManifest && PLATFORM_STEP.equals(gated.outcome().step())) {
                // for an image manifest the mapping stops at "platform" only when its config names another
                // architecture (ImageApplications.describeImage): another platform's child of an index
                return Optional.empty();
            }
            String message = "the image cannot boot on " + board.get() + ", which the policy requires (requireBoot): "
                    + gated.outcome().failure();
            throw RegistryException.withMessage(ErrorCode.MANIFEST_INVALID, message,
                    PreviewReports.tree(gated.report()));
        }
        return Optional.of(new ManifestAttachment(REPORT_ROLE, gated.report()));
    }

    /** A kept boot preview report as the predicate of its attestation. */
    public static com.fasterxml.jackson.databind.JsonNode predicate(byte[] report) {
        return PreviewReports.tree(report);
    }

    /**
     * Whether {@code manifest} is an image to gate, whatever its {@code subject} or {@code artifactType} say (both
     * are free to set on a runnable image): an image manifest with an image config and layers, or an index that
     * lists a platform. Artifacts (signatures, SBOMs, attestations) have another config type or list no platform.
     */
    static boolean isImage(Manifest manifest) {
        if (manifest instanceof ImageManifest image) {
            String config = image.config().mediaType();
            return (config.equals(MediaType.OCI_CONFIG) || config.equals(MediaType.DOCKER_CONFIG))
                    && !image.layers().isEmpty();
        }
        return ((ImageIndex) manifest).manifests().stream().anyMatch(child -> child.platform().isPresent());
    }
}
