package io.huruhuru.server.preview;

import io.huruhuru.oci.Digest;
import io.huruhuru.oci.RepositoryName;
import io.huruhuru.sel4.Sel4Preview;
import io.huruhuru.sel4.UnreadableInputException;
import io.huruhuru.sel4.boot.Platform;
import io.huruhuru.sel4.boot.PlatformCatalog;
import io.huruhuru.sel4.report.BootReport;
import io.huruhuru.sel4.system.ServiceProcess;
import io.huruhuru.server.http.ErrorCode;
import io.huruhuru.server.http.RegistryException;
import io.huruhuru.server.metrics.OutcomeTimer;
import io.huruhuru.server.metrics.PreviewOutcome;
import io.huruhuru.server.preview.PreviewReports.Outcome;
import io.huruhuru.server.validation.StoredImageSource;
import io.huruhuru.storage.RegistryStore;
import io.huruhuru.storage.manifest.StoredManifest;
import io.huruhuru.storage.preview.ListedPreview;
import io.huruhuru.storage.preview.PreviewId;
import io.huruhuru.storage.preview.PreviewKind;
import io.huruhuru.storage.preview.PreviewSubject;
import io.huruhuru.storage.preview.StoredPreview;
import io.huruhuru.validation.LayerFactsCache;
import io.huruhuru.validation.RawManifest;
import io.huruhuru.validation.application.ImageApplication;
import io.huruhuru.validation.application.ImageApplications;
import io.huruhuru.validation.layer.ReadLimits;
import io.huruhuru.validation.rootfs.ImageFileContents;
import java.io.IOException;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.stream.Collectors;

/**
 * Boot previews of stored images: resolves the image, maps it to the application the root server boots, boots it on
 * the seL4 model and keeps the report under an id made of its inputs, so that asking again is a read. Every method
 * but {@link #platform} blocks (storage, the model): call it from a worker.
 */
public final class ImagePreviews {

    /** The kind of a preview of one image. */
    public static final PreviewKind IMAGE = PreviewKind.parse("image");
    /** The kind of a preview of a compose system. */
    public static final PreviewKind SYSTEM = PreviewKind.parse("system");

    private final RegistryStore store;
    private final ImageApplications applications;
    private final RunBudget budget;
    private final Optional<OutcomeTimer> timings;

    public ImagePreviews(RegistryStore store, LayerFactsCache facts) {
        this(store, facts, RunBudget.DEFAULT, Optional.empty());
    }

    /**
     * @param budget the instructions a native application runs for when a request names none, and the most
     * @param timings where each preview's duration and {@link PreviewOutcome} are recorded
     */
    public ImagePreviews(RegistryStore store, LayerFactsCache facts, RunBudget budget,
            Optional<OutcomeTimer> timings) {
        this.store = store;
        this.applications = new ImageApplications(ReadLimits.DEFAULT, facts);
        this.budget = budget;
        this.timings = timings;
    }

    /** The previews a manifest keeps at most (image previews with their args, env, budget and platform; systems). */
    public static final int KEPT_PER_MANIFEST = 32;

    /**
     * A preview's id and report, whether this request computed it (false: it was kept already) and whether it is
     * kept (readable at its id).
     */
    public record Computed(PreviewId id, byte[] report, boolean created, boolean kept) {
        PreviewOutcome outcome() {
            if (!created) {
                return PreviewOutcome.KEPT;
            }
            return "booted".equals(PreviewReports.tree(report).path("result").asText()) ? PreviewOutcome.BOOTED
                    : PreviewOutcome.FAILED;
        }
    }

    /** @throws RegistryException {@code PLATFORM_UNKNOWN} naming the platforms there are */
    public static Platform platform(String name) {
        return PlatformCatalog.find(name).orElseThrow(() -> RegistryException.withMessage(ErrorCode.PLATFORM_UNKNOWN,
                "unknown platform " + name + "; known platforms: " + Sel4Preview.platforms().stream()
                        .map(Platform::name).collect(Collectors.joining(", ")), name));
    }

    /** The preview of {@code image} on {@code platform} with the default budget. */
    public Computed preview(RegistryImage image, Platform platform, PreviewProcess process) {
        return preview(image, platform, process, OptionalLong.empty());
    }

    /**
     * The preview of {@code image} on {@code platform}, a native application run for {@code asked} instructions
     * (else the default): the kept one, or computed and kept now. A manifest keeps at most {@link #KEPT_PER_MANIFEST}
     * previews: every args, env or budget makes another one at a pull-only caller's choice, so past that a preview is
     * computed for the request and not kept.
     *
     * @throws RegistryException {@code PREVIEW_INVALID} when the budget asked for is above the maximum
     */
    public Computed preview(RegistryImage image, Platform platform, PreviewProcess process, OptionalLong asked) {
        return timed(() -> computePreview(image, platform, process, asked), Computed::outcome);
    }

    private Computed computePreview(RegistryImage image, Platform platform, PreviewProcess process,
            OptionalLong asked) {
        long instructions = budget.of(asked);
        StoredManifest manifest = store.manifest(image.repository(), image.reference())
                .orElseThrow(() -> RegistryException.of(ErrorCode.MANIFEST_UNKNOWN,
                        "manifest " + image.reference() + " is not in repository " + image.repository()));
        PreviewId id = PreviewReports.imageId(image.repository(), manifest.digest(), platform.name(), process,
                instructions);
        Optional<StoredPreview> kept = store.previews().get(id);
        if (kept.isPresent()) {
            return new Computed(id, kept.get().report(), false, true);
        }
        Outcome outcome = run(image.repository(), raw(manifest), platform, process.asService(), instructions);
        byte[] report = PreviewReports.image(id, image.repository(), manifest.digest(), platform.name(), process,
                outcome);
        List<PreviewSubject> subjects = List.of(new PreviewSubject(image.repository(), manifest.digest()));
        if (full(subjects)) {
            return new Computed(id, report, true, false);
        }
        keep(new StoredPreview(id, IMAGE, subjects, PreviewReports.summary(IMAGE.name(), platform.name(), outcome),
                report));
        return new Computed(id, report, true, true);
    }

    /**
     * The preview of a manifest being pushed (its blobs and children stored, itself not yet): for the
     * {@code requireBoot} gate; nothing is kept.
     */
    public Gated gate(RepositoryName repository, RawManifest manifest, Platform platform) {
        return timed(() -> computeGate(repository, manifest, platform),
                gated -> gated.outcome().booted() ? PreviewOutcome.BOOTED : PreviewOutcome.FAILED);
    }

    private Gated computeGate(RepositoryName repository, RawManifest manifest, Platform platform) {
        PreviewId id = PreviewReports.imageId(repository, manifest.digest(), platform.name(), PreviewProcess.UNCHANGED);
        Outcome outcome = outcome(repository, manifest, platform, ServiceProcess.UNCHANGED);
        return new Gated(outcome, PreviewReports.image(id, repository, manifest.digest(), platform.name(),
                PreviewProcess.UNCHANGED, outcome));
    }

    /** A pushed manifest's preview: how it ended and the report. */
    public record Gated(Outcome outcome, byte[] report) {
    }

    /** The preview of the compose system {@code plan}: the kept one, or computed and kept now. */
    public Computed system(SystemPlan plan) {
        return timed(() -> computeSystem(plan), Computed::outcome);
    }

    private Computed computeSystem(SystemPlan plan) {
        SystemPlan.Resolved resolved = plan.resolve(store);
        PreviewId id = PreviewReports.systemId(plan.compose(), plan.platform().name(), resolved.images());
        Optional<StoredPreview> kept = store.previews().get(id);
        if (kept.isPresent()) {
            return new Computed(id, kept.get().report(), false, true);
        }
        BootReport boot;
        try {
            boot = Sel4Preview.upAndDown(plan.platform(),
                    plan.read(new StoredServiceImages(this, plan.platform(), resolved)));
        } catch (UnreadableInputException e) {
            throw RegistryException.withMessage(ErrorCode.SYSTEM_INVALID, "compose file invalid: " + e.getMessage(),
                    e.getMessage());
        }
        Outcome outcome = Outcome.of(null, List.of(), boot);
        byte[] report = PreviewReports.system(id, plan.platform().name(), resolved.images(), outcome);
        if (full(resolved.subjects())) {
            return new Computed(id, report, true, false);
        }
        keep(new StoredPreview(id, SYSTEM, resolved.subjects(),
                PreviewReports.summary(SYSTEM.name(), plan.platform().name(), outcome), report));
        return new Computed(id, report, true, true);
    }

    public Optional<StoredPreview> get(PreviewId id) {
        return store.previews().get(id);
    }

    public List<ListedPreview> list(RepositoryName repository, Optional<Digest> manifest, int limit) {
        return store.previews().list(repository, manifest, limit);
    }

    /** What {@code manifest} of {@code repository} is on {@code platform}: booted, or where and why it stops. */
    Outcome outcome(RepositoryName repository, RawManifest manifest, Platform platform, ServiceProcess process) {
        return ImageBoot.boot(describe(repository, manifest, platform, process), platform);
    }

    /** What {@code manifest} is on {@code platform}, its native application run for {@code instructions}. */
    Outcome run(RepositoryName repository, RawManifest manifest, Platform platform, ServiceProcess process,
            long instructions) {
        try {
            return ImageBoot.run(applications.prepareRun(new StoredImageSource(store, repository, manifest),
                    platform.kernel().architecture(), process, ImageFileContents.DEFAULT_MAX_BYTES), platform,
                    instructions);
        } catch (IOException e) {
            throw RegistryException.of(ErrorCode.MANIFEST_BLOB_UNKNOWN, "cannot read " + manifest.digest() + ": "
                    + e.getMessage());
        }
    }

    ImageApplication describe(RepositoryName repository, RawManifest manifest, Platform platform,
            ServiceProcess process) {
        try {
            return applications.describe(new StoredImageSource(store, repository, manifest),
                    platform.kernel().architecture(), process);
        } catch (IOException e) {
            throw RegistryException.of(ErrorCode.MANIFEST_BLOB_UNKNOWN, "cannot read " + manifest.digest() + ": "
                    + e.getMessage());
        }
    }

    /** {@code work}, its duration recorded with the outcome {@code outcome} gives it, or ERROR when it throws. */
    private <T> T timed(java.util.function.Supplier<T> work, java.util.function.Function<T, PreviewOutcome> outcome) {
        long started = System.nanoTime();
        T result;
        try {
            result = work.get();
        } catch (RuntimeException e) {
            timings.ifPresent(timer -> timer.recordSince(PreviewOutcome.ERROR, started));
            throw e;
        }
        timings.ifPresent(timer -> timer.recordSince(outcome.apply(result), started));
        return result;
    }

    static RawManifest raw(StoredManifest manifest) {
        return new RawManifest(manifest.content(), manifest.mediaType(), manifest.digest());
    }

    /**
     * Whether a manifest of {@code subjects} keeps {@link #KEPT_PER_MANIFEST} previews already. Two previews computed at
     * once may both pass: the preview slots bound that to a few more.
     */
    private boolean full(List<PreviewSubject> subjects) {
        return subjects.stream().anyMatch(subject -> store.previews().list(subject.repository(),
                Optional.of(subject.manifest()), KEPT_PER_MANIFEST).size() >= KEPT_PER_MANIFEST);
    }

    private void keep(StoredPreview preview) {
        if (!store.previews().put(preview)) {
            // a delete took one of its manifests while the model ran
            throw RegistryException.of(ErrorCode.MANIFEST_UNKNOWN, "a manifest of the preview was deleted meanwhile");
        }
    }
}
