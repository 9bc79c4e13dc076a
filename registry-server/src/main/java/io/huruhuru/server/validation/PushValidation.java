package io.huruhuru.server.validation;

import io.huruhuru.oci.RepositoryName;
import io.huruhuru.server.http.ErrorCode;
import io.huruhuru.server.http.RegistryException;
import io.huruhuru.server.preview.BootGate;
import io.huruhuru.server.preview.ImagePreviews;
import io.huruhuru.server.metrics.OutcomeTimer;
import io.huruhuru.server.metrics.ValidationOutcome;
import io.huruhuru.server.preview.RunBudget;
import io.huruhuru.storage.RegistryStore;
import io.huruhuru.storage.attachment.AttachmentRole;
import io.huruhuru.validation.ImageValidator;
import io.huruhuru.validation.RawManifest;
import io.huruhuru.validation.Severity;
import io.huruhuru.validation.ValidationReport;
import io.huruhuru.validation.Violation;
import io.huruhuru.validation.budget.Policy;
import io.huruhuru.validation.layer.ReadLimits;
import io.huruhuru.validation.report.JsonReport;
import java.io.IOException;
import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * The koskit check of manifests against what the registry stores: on push, before anything is stored, and on request
 * ({@code POST /sel4/v1/validations}). Layer facts are kept in storage, so each layer blob is read once. Runs on a
 * worker; thread-safe.
 */
public final class PushValidation {

    /** The role under which the report of a koskit image is kept with its manifest. */
    public static final AttachmentRole REPORT_ROLE = AttachmentRole.parse("validation-report");

    /** How many violations the error message of a rejected push names; {@code detail} has them all. */
    private static final int VIOLATIONS_IN_MESSAGE = 5;

    private final RegistryStore store;
    private final Policy policy;
    private final ImageValidator validator;
    private final ImagePreviews previews;
    private final BootGate bootGate;
    private final OutcomeTimer timings;

    /**
     * @param indexing the reading of layers during their upload, whose facts validation waits for
     * @param timings where each validation's duration and outcome are recorded
     * @param runs the instructions a boot preview lets a native application execute, by default and at most
     * @param previewTimings where each boot preview's duration and outcome are recorded
     */
    public PushValidation(RegistryStore store, Policy policy, Optional<UploadIndexing> indexing,
            OutcomeTimer timings, RunBudget runs, OutcomeTimer previewTimings) {
        this.store = store;
        this.policy = policy;
        this.timings = timings;
        StoredLayerFacts facts = new StoredLayerFacts(store.layerIndex(), indexing);
        this.validator = new ImageValidator(ReadLimits.DEFAULT, facts);
        // previews read layers as validation does: each layer's facts once, from the same index
        this.previews = new ImagePreviews(store, facts, runs, Optional.of(previewTimings));
        this.bootGate = new BootGate(previews, policy);
    }

    /** Boot previews of this registry's images, sharing validation's layer facts. */
    public ImagePreviews previews() {
        return previews;
    }

    /** The policy's {@code requireBoot} check of pushes. */
    public BootGate bootGate() {
        return bootGate;
    }

    /**
     * Validates {@code manifest} as pushed to {@code repository}, whose blobs and child manifests are stored there.
     *
     * @param platform only the index entries of this platform, or all when empty
     * @throws RegistryException {@code MANIFEST_BLOB_UNKNOWN} when a blob or child manifest cannot be read
     */
    public ValidationReport validate(RepositoryName repository, RawManifest manifest, Optional<String> platform) {
        long started = System.nanoTime();
        ValidationOutcome outcome = ValidationOutcome.FAILED;
        try {
            ValidationReport report = validator.validate(new StoredImageSource(store, repository, manifest), policy,
                    repository, platform);
            outcome = !report.koskit() ? ValidationOutcome.NOT_KOSKIT
                    : report.rejects() ? ValidationOutcome.REJECTED : ValidationOutcome.ACCEPTED;
            return report;
        } catch (IOException e) {
            throw RegistryException.of(ErrorCode.MANIFEST_BLOB_UNKNOWN, "cannot validate " + manifest.digest()
                    + ": " + e.getMessage());
        } finally {
            timings.recordSince(outcome, started);
        }
    }

    /**
     * The error a push that {@code report} {@link ValidationReport#rejects() rejects} is refused with: its message
     * names the first violations (clients print the message, not the detail), its detail is the whole report.
     */
    public static RegistryException rejection(ValidationReport report) {
        List<Violation> errors = report.allViolations().stream()
                .filter(v -> v.severity() == Severity.ERROR).toList();
        String named = errors.stream().limit(VIOLATIONS_IN_MESSAGE).map(PushValidation::describe)
                .collect(Collectors.joining("; "));
        String more = errors.size() > VIOLATIONS_IN_MESSAGE
                ? "; and " + (errors.size() - VIOLATIONS_IN_MESSAGE) + " more (see detail)" : "";
        String message = "koskit validation failed with " + errors.size() + (errors.size() == 1 ? " error: " : " errors: ")
                + named + more;
        return RegistryException.validationRefusal(ErrorCode.MANIFEST_INVALID, message, JsonReport.tree(report));
    }

    private static String describe(Violation v) {
        return v.ruleId() + " at " + v.where() + ": " + v.message() + " (expected " + v.expected() + ", found "
                + v.found() + ")";
    }
}
