package io.huruhuru.validation;

import io.huruhuru.validation.budget.Mode;
import io.huruhuru.validation.budget.Policy;
import io.huruhuru.validation.budget.PolicyRule;
import io.huruhuru.validation.budget.TargetPlatform;
import io.huruhuru.validation.layer.ReadLimits;
import io.huruhuru.oci.Descriptor;
import io.huruhuru.oci.ImageIndex;
import io.huruhuru.oci.ImageManifest;
import io.huruhuru.oci.Manifest;
import io.huruhuru.oci.ManifestInvalidException;
import io.huruhuru.oci.ManifestParser;
import io.huruhuru.oci.MediaType;
import io.huruhuru.oci.Platform;
import io.huruhuru.oci.RepositoryName;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Validates a manifest against the koskit checks and the budget of the policy rule that covers its repository.
 *
 * <p>An image manifest is checked when its config carries {@code com.koskit.*} labels; an index is checked
 * platform by platform and passes only if each koskit image in it passes. Thread-safe; one instance can serve
 * concurrent validations.
 */
public final class ImageValidator {

    /** How deep indexes may nest (an index of indexes of images is depth 2). */
    public static final int MAX_INDEX_DEPTH = 4;

    private final ReadLimits limits;
    private final LayerFactsCache cache;

    /** A validator with the default read limits and no layer cache. */
    public ImageValidator() {
        this(ReadLimits.DEFAULT, LayerFactsCache.NONE);
    }

    public ImageValidator(ReadLimits limits, LayerFactsCache cache) {
        this.limits = limits;
        this.cache = cache;
    }

    /**
     * Validates the manifest {@code source} gives, as if pushed to {@code repository}.
     *
     * @throws IOException if the source cannot deliver the manifests or blobs (the input cannot be read)
     */
    public ValidationReport validate(ImageSource source, Policy policy, RepositoryName repository)
            throws IOException {
        return validate(source, policy, repository, Optional.empty());
    }

    /**
     * Validates as {@link #validate(ImageSource, Policy, RepositoryName)} does, but checks only the index entries
     * whose platform is {@code platform} ({@code linux/arm64}, {@code linux/arm64/v8}, or just {@code arm64}); an
     * image manifest is checked whatever its platform.
     */
    public ValidationReport validate(ImageSource source, Policy policy, RepositoryName repository,
            Optional<String> platform) throws IOException {
        return validate(source, policy.ruleFor(repository), repository.value(), platform);
    }

    /**
     * Validates an image that has no repository (an OCI layout or archive checked without a policy): the koskit
     * checks apply in {@code enforce} mode and no budget does; {@code label} names the image in the report.
     */
    public ValidationReport validateUnnamed(ImageSource source, String label, Optional<String> platform)
            throws IOException {
        return validate(source, Optional.empty(), label, platform);
    }

    private ValidationReport validate(ImageSource source, Optional<PolicyRule> rule, String label,
            Optional<String> platform) throws IOException {
        // Within one validation a layer is read once even without a cache (images of an index share layers).
        ImageCheck imageCheck = new ImageCheck(limits, LayerFactsCache.remembering(cache));
        RawManifest raw = source.manifest();
        Mode mode = rule.map(PolicyRule::mode).orElse(Mode.ENFORCE);
        Optional<AppliedPolicy> applied = rule.map(r -> new AppliedPolicy(r.patterns(),
                r.platform().map(TargetPlatform::name), r.platform().map(TargetPlatform::architecture), r.mode()));
        List<ImageReport> images = new ArrayList<>();
        List<Violation> violations = new ArrayList<>();
        String mediaType = raw.mediaType();
        Manifest manifest = parse(raw, violations);
        if (manifest instanceof ImageManifest image) {
            mediaType = image.mediaType();
            images.add(imageCheck.check(source, raw.digest().toString(), image, Optional.empty(), rule));
        } else if (manifest instanceof ImageIndex index) {
            mediaType = index.mediaType();
            walkIndex(imageCheck, source, index, rule, platform, 1, images, violations);
            Optional<TargetPlatform> target = rule.flatMap(PolicyRule::platform);
            if (target.isPresent() && images.stream().anyMatch(ImageReport::koskit) && images.stream()
                    .filter(ImageReport::koskit)
                    .noneMatch(i -> i.facts().map(f -> f.architecture().equals(target.get().architecture()))
                            .orElse(false))) {
                violations.add(RuleId.BUDGET_PLATFORM.violation("architecture", "no koskit image of the index is "
                        + "built for the policy's platform " + target.get().name(),
                        target.get().architecture(), String.join(",", images.stream().filter(
                                ImageReport::koskit).map(i -> i.facts().map(ImageFacts::architecture).orElse("?"))
                                .toList())));
            }
        }
        boolean koskit = images.stream().anyMatch(ImageReport::koskit);
        return new ValidationReport(label, raw.digest().toString(), mediaType, koskit, mode, applied, images,
                violations);
    }

    private void walkIndex(ImageCheck imageCheck, ImageSource source, ImageIndex index, Optional<PolicyRule> rule, Optional<String> platform,
            int depth, List<ImageReport> images, List<Violation> violations) throws IOException {
        for (Descriptor child : index.manifests()) {
            if (platform.isPresent() && child.platform().isPresent() && !platformMatches(child.platform().get(),
                    platform.get())) {
                continue;
            }
            String childType = child.mediaType();
            if (MediaType.isIndex(childType)) {
                if (depth >= MAX_INDEX_DEPTH) {
                    violations.add(RuleId.INDEX_DEPTH.violation(child.digest().toString(), "indexes nest deeper than "
                            + MAX_INDEX_DEPTH, "at most " + MAX_INDEX_DEPTH + " levels", "more"));
                    continue;
                }
                Manifest nested = parse(childManifest(source, child), violations);
                if (nested instanceof ImageIndex nestedIndex) {
                    walkIndex(imageCheck, source, nestedIndex, rule, platform, depth + 1, images, violations);
                }
            } else if (MediaType.isImageManifest(childType)) {
                Manifest parsed = parse(childManifest(source, child), violations);
                if (parsed instanceof ImageManifest image) {
                    images.add(imageCheck.check(source, child.digest().toString(), image,
                            child.platform(), rule.filter(r -> child.platform().isEmpty() || r.platform().isEmpty()
                                    || child.platform().get().architecture().equals(
                                            r.platform().get().architecture()))));
                }
            }
            // other media types (artifacts) in an index are not images to check
        }
    }

    private static boolean platformMatches(Platform platform, String wanted) {
        return wanted.equals(platform.toString()) || wanted.equals(platform.architecture())
                || wanted.equals(platform.os() + "/" + platform.architecture());
    }

    /** A child manifest, typed by its descriptor when the source does not know its media type. */
    private static RawManifest childManifest(ImageSource source, Descriptor child) throws IOException {
        RawManifest raw = source.manifest(child.digest());
        return raw.mediaType().isEmpty() ? new RawManifest(raw.body(), child.mediaType(), raw.digest()) : raw;
    }

    private static Manifest parse(RawManifest raw, List<Violation> violations) {
        try {
            return ManifestParser.parse(raw.body(), raw.mediaType());
        } catch (ManifestInvalidException e) {
            violations.add(RuleId.MANIFEST_INVALID.violation(raw.digest().toString(), "the manifest is invalid: "
                    + e.getMessage(), "an OCI or Docker schema 2 manifest", raw.mediaType().isEmpty() ? "unknown type"
                            : raw.mediaType()));
            return null;
        }
    }
}
