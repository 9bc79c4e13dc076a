package io.huruhuru.validation.application;

import io.huruhuru.oci.Descriptor;
import io.huruhuru.oci.ImageConfig;
import io.huruhuru.oci.ImageConfigInvalidException;
import io.huruhuru.oci.ImageIndex;
import io.huruhuru.oci.ImageManifest;
import io.huruhuru.oci.Manifest;
import io.huruhuru.oci.ManifestInvalidException;
import io.huruhuru.oci.ManifestParser;
import io.huruhuru.sel4.kernel.Architecture;
import io.huruhuru.sel4.run.ProgramFile;
import io.huruhuru.sel4.system.ServiceProcess;
import io.huruhuru.validation.ImageSource;
import io.huruhuru.validation.ImageValidator;
import io.huruhuru.validation.LayerFactsCache;
import io.huruhuru.validation.LayerSource;
import io.huruhuru.validation.RawManifest;
import io.huruhuru.validation.koskit.LabelChecker;
import io.huruhuru.validation.layer.ReadLimits;
import io.huruhuru.validation.rootfs.ImageFileContents;
import io.huruhuru.validation.rootfs.ImageRootFilesystem;
import io.huruhuru.validation.rootfs.RootfsNotLoadedException;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * Maps an image (config, labels, spec file, rootfs binary) to what the root server boots: the one mapping from
 * images to {@link io.huruhuru.sel4.app.ApplicationDescription}s. An image whose config carries koskit labels
 * boots natively ({@link NativeMapping}); any other image boots as a microVM ({@link MicroVmMapping}).
 * Thread-safe.
 */
public final class ImageApplications {

    private final ReadLimits limits;
    private final LayerFactsCache cache;

    public ImageApplications(ReadLimits limits, LayerFactsCache cache) {
        this.limits = Objects.requireNonNull(limits, "limits");
        this.cache = Objects.requireNonNull(cache, "cache");
    }

    /**
     * For a board of this architecture; an index picks the child whose platform matches.
     *
     * @throws io.huruhuru.validation.ImageSourceException when the source cannot deliver
     */
    public ImageApplication describe(ImageSource source, Architecture architecture, ServiceProcess process)
            throws IOException {
        return map(source, architecture, process).application();
    }

    /**
     * What running the image's code on the model needs: for a native application, its description, the bytes of
     * its binary and the image's root filesystem, whose regular files may hold at most {@code maxFileBytes} in all
     * (beyond that the image is {@link ImageApplication.NotBootable} at step {@code rootfs}); otherwise what
     * {@link #describe} answers.
     *
     * @throws io.huruhuru.validation.ImageSourceException when the source cannot deliver
     */
    public ImageRun prepareRun(ImageSource source, Architecture architecture, ServiceProcess process,
                               long maxFileBytes) throws IOException {
        NativeMapping.Mapped mapped = map(source, architecture, process);
        if (!(mapped.application() instanceof ImageApplication.Bootable bootable) || mapped.rootfs().isEmpty()) {
            return new ImageRun.NotRun(mapped.application());
        }
        ImageRootFilesystem rootfs;
        try {
            rootfs = ImageFileContents.load(source, mapped.layers(), mapped.rootfs().get(), limits, maxFileBytes);
        } catch (RootfsNotLoadedException e) {
            return new ImageRun.NotRun(new ImageApplication.NotBootable("rootfs", e.getMessage()));
        }
        String binary = mapped.binary().orElseThrow();
        byte[] bytes = rootfs.content(binary).orElseThrow();
        try {
            return new ImageRun.Native(bootable, ProgramFile.parse(bytes), rootfs);
        } catch (IllegalArgumentException | IndexOutOfBoundsException e) {
            return new ImageRun.NotRun(new ImageApplication.NotBootable("binary", "binary /" + binary + ": "
                    + e.getMessage()));
        }
    }

    private NativeMapping.Mapped map(ImageSource source, Architecture architecture, ServiceProcess process)
            throws IOException {
        LayerSource layers = new LayerSource(limits, LayerFactsCache.remembering(cache));
        List<String> notes = new ArrayList<>();
        RawManifest raw = source.manifest();
        for (int depth = 0; ; depth++) {
            Manifest manifest;
            try {
                manifest = ManifestParser.parse(raw.body(), raw.mediaType());
            } catch (ManifestInvalidException e) {
                return NativeMapping.Mapped.only(new ImageApplication.NotBootable("manifest", "the manifest "
                        + raw.digest() + " is invalid: " + e.getMessage()));
            }
            if (manifest instanceof ImageManifest image) {
                return describeImage(source, layers, raw, image, architecture, process, notes);
            }
            ImageIndex index = (ImageIndex) manifest;
            if (depth >= ImageValidator.MAX_INDEX_DEPTH) {
                return NativeMapping.Mapped.only(new ImageApplication.NotBootable("platform",
                        "indexes nest deeper than " + ImageValidator.MAX_INDEX_DEPTH + " levels"));
            }
            Optional<Descriptor> child = IndexChoice.pick(index, architecture);
            String wanted = "linux/" + IndexChoice.ociName(architecture);
            if (child.isEmpty()) {
                return NativeMapping.Mapped.only(new ImageApplication.NotBootable("platform", "the index "
                        + raw.digest() + " lists " + IndexChoice.listed(index) + "; a board of architecture "
                        + architecture.id() + " runs " + wanted + " images"));
            }
            notes.add("the index " + raw.digest() + " lists " + IndexChoice.listed(index) + "; picked "
                    + child.get().platform().orElseThrow() + " (" + child.get().digest() + ") for "
                    + architecture.id());
            RawManifest next = source.manifest(child.get().digest());
            raw = next.mediaType().isEmpty() ? new RawManifest(next.body(), child.get().mediaType(), next.digest())
                    : next;
        }
    }

    private NativeMapping.Mapped describeImage(ImageSource source, LayerSource layers, RawManifest raw,
                                           ImageManifest image, Architecture architecture, ServiceProcess process,
                                           List<String> notes) throws IOException {
        Descriptor configDescriptor = image.config();
        if (configDescriptor.size() > ImageSource.MAX_CONFIG_BYTES) {
            return NativeMapping.Mapped.only(new ImageApplication.NotBootable("config", "the image config is "
                    + configDescriptor.size() + " bytes; at most " + ImageSource.MAX_CONFIG_BYTES + " are read"));
        }
        byte[] configBytes = source.blob(configDescriptor.digest(), ImageSource.MAX_CONFIG_BYTES);
        if (!configDescriptor.digest().matches(configBytes)) {
            return NativeMapping.Mapped.only(new ImageApplication.NotBootable("config",
                    "the image config's content does not match its digest " + configDescriptor.digest()));
        }
        ImageConfig config;
        try {
            config = ImageConfig.parse(configBytes);
        } catch (ImageConfigInvalidException e) {
            return NativeMapping.Mapped.only(new ImageApplication.NotBootable("config", e.getMessage()));
        }
        String wanted = IndexChoice.ociName(architecture);
        if (!config.architecture().isEmpty() && !config.architecture().equals(wanted)) {
            return NativeMapping.Mapped.only(new ImageApplication.NotBootable("platform", "the image is built for "
                    + (config.os().isEmpty() ? "" : config.os() + "/") + config.architecture()
                    + "; a board of architecture " + architecture.id() + " runs linux/" + wanted + " images"));
        }
        if (LabelChecker.isKoskitImage(config.labels())) {
            return new NativeMapping(source, layers, limits).map(raw.digest(), image, config, architecture,
                    process, notes);
        }
        return NativeMapping.Mapped.only(MicroVmMapping.describe(raw.digest(), image, config, configBytes, process,
                notes));
    }
}
