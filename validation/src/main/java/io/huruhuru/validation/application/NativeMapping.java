package io.huruhuru.validation.application;

import io.huruhuru.oci.Descriptor;
import io.huruhuru.oci.Digest;
import io.huruhuru.oci.ImageConfig;
import io.huruhuru.oci.ImageManifest;
import io.huruhuru.sel4.app.ApplicationDescription;
import io.huruhuru.sel4.app.ByteSize;
import io.huruhuru.sel4.app.Elf;
import io.huruhuru.sel4.app.ElfHeaders;
import io.huruhuru.sel4.app.ElfImage;
import io.huruhuru.sel4.app.MemoryDemand;
import io.huruhuru.sel4.kernel.Architecture;
import io.huruhuru.sel4.system.ServiceProcess;
import io.huruhuru.validation.ImageSource;
import io.huruhuru.validation.LayerSource;
import io.huruhuru.validation.Severity;
import io.huruhuru.validation.Violation;
import io.huruhuru.validation.koskit.AppSpec;
import io.huruhuru.validation.koskit.KoskitKey;
import io.huruhuru.validation.koskit.LabelChecker;
import io.huruhuru.validation.koskit.SpecFileChecker;
import io.huruhuru.validation.layer.EntryPath;
import io.huruhuru.validation.layer.EntryType;
import io.huruhuru.validation.layer.LayerFacts;
import io.huruhuru.validation.layer.ReadLimits;
import io.huruhuru.validation.rootfs.CommandPath;
import io.huruhuru.validation.rootfs.Lookup;
import io.huruhuru.validation.rootfs.Node;
import io.huruhuru.validation.rootfs.Rootfs;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * A koskit image as the root server boots it natively: resources, priorities and protocols from the labels (the
 * spec file must agree with them), the binary a static PIE for the board's architecture, arguments ENTRYPOINT +
 * CMD, environment ENV, each as the compose service changes them.
 */
final class NativeMapping {

    private final ImageSource source;
    private final LayerSource layers;
    private final ReadLimits limits;

    NativeMapping(ImageSource source, LayerSource layers, ReadLimits limits) {
        this.source = source;
        this.layers = layers;
        this.limits = limits;
    }

    /**
     * What the mapping gave, with the merged layers and the binary's resolved path (no leading slash) when the
     * image is bootable: a run reads its files from them.
     */
    record Mapped(ImageApplication application, Optional<Rootfs> rootfs, List<Digest> layers,
                  Optional<String> binary) {
        static Mapped only(ImageApplication application) {
            return new Mapped(application, Optional.empty(), List.of(), Optional.empty());
        }
    }

    ImageApplication describe(Digest manifest, ImageManifest image, ImageConfig config, Architecture architecture,
                              ServiceProcess process, List<String> notes) throws IOException {
        return map(manifest, image, config, architecture, process, notes).application();
    }

    Mapped map(Digest manifest, ImageManifest image, ImageConfig config, Architecture architecture,
               ServiceProcess process, List<String> notes) throws IOException {
        LabelChecker.Result labels = LabelChecker.check(config.labels(), config.entrypoint());
        Optional<Violation> broken = firstError(labels.violations());
        if (broken.isPresent()) {
            return Mapped.only(notBootable("labels", broken.get()));
        }
        AppSpec spec = labels.spec();
        Optional<String> specPath = spec.specPath().map(p -> EntryPath.normalise(p.substring(1)).path());
        List<LayerFacts> facts = new ArrayList<>();
        for (Descriptor layer : image.layers()) {
            facts.add(layers.facts(source, layer.digest(), specPath));
        }
        Rootfs rootfs = Rootfs.build(facts);
        String command = spec.binary().orElseThrow();
        Optional<String> binary = CommandPath.resolve(rootfs, command, config.workingDir(), config.path());
        if (binary.isEmpty()) {
            return Mapped.only(new ImageApplication.NotBootable("binary", "the binary " + command
                    + " is not found in PATH " + config.path().orElse(CommandPath.DEFAULT_PATH)));
        }
        String path = binary.get();
        if (!(rootfs.resolve(path) instanceof Lookup.Found found) || found.node().type() != EntryType.FILE) {
            return Mapped.only(new ImageApplication.NotBootable("binary", "the binary " + path
                    + " is not a regular file in the image's layers"));
        }
        Node node = found.node();
        if (node.elfHead() == null) {
            return Mapped.only(new ImageApplication.NotBootable("binary", "binary " + path
                    + " is not an ELF file"));
        }
        ElfHeaders.Reading reading = ElfHeaders.read(node.elfHead(), node.size());
        Optional<ImageApplication.NotBootable> notStaticPie = notStaticPie(reading, path, architecture);
        if (notStaticPie.isPresent()) {
            return Mapped.only(notStaticPie.get());
        }
        ElfImage elf;
        try {
            elf = ElfImage.of(reading, node.size());
        } catch (IllegalArgumentException e) {
            return Mapped.only(new ImageApplication.NotBootable("binary", "binary " + path + ": "
                    + e.getMessage()));
        }
        if (spec.specPath().isPresent()) {
            Optional<ImageApplication.NotBootable> refused = checkSpecFile(image, rootfs, facts, spec);
            if (refused.isPresent()) {
                return Mapped.only(refused.get());
            }
        }
        Optional<ImageApplication.NotBootable> tooLarge = tooLargeForTheModel(spec);
        if (tooLarge.isPresent()) {
            return Mapped.only(tooLarge.get());
        }
        List<String> args = process.args(config.entrypoint(), config.cmd());
        try {
            ApplicationDescription app = new ApplicationDescription(spec.name().orElseThrow(), elf,
                    (int) spec.heapPages().orElse(0), (int) spec.utLargePage().orElse(0),
                    (int) spec.ut4kPages().orElse(0), spec.priority().orElseThrow(), spec.maxPriority().orElseThrow(),
                    ApplicationDescription.DEFAULT_STACK_PAGES, spec.publishes().orElse(List.of()),
                    args.isEmpty() ? List.of(path) : args, process.env(config.env()), List.of(), Optional.empty());
            notes.add("native: koskit labels and " + path + ", a static PIE for " + architecture.id());
            return new Mapped(new ImageApplication.Bootable(manifest, app, notes), Optional.of(rootfs),
                    image.layers().stream().map(Descriptor::digest).toList(), Optional.of(found.path().substring(1)));
        } catch (IllegalArgumentException e) {
            return Mapped.only(new ImageApplication.NotBootable("labels", e.getMessage()));
        }
    }

    /** Why well-formed headers are no static PIE for the architecture (malformed ones fail in ElfImage.of). */
    private static Optional<ImageApplication.NotBootable> notStaticPie(ElfHeaders.Reading reading, String path,
                                                                        Architecture architecture) {
        if (!(reading instanceof ElfHeaders.Read read)) {
            return Optional.empty();
        }
        ElfHeaders h = read.headers();
        String why = null;
        if (h.machine() != architecture.elfMachine()) {
            why = "binary " + path + " is " + h.machineName() + "; a board of architecture " + architecture.id()
                    + " runs " + Elf.machineName(architecture.elfMachine()) + " binaries";
        } else if (h.type() != Elf.ET_DYN) {
            why = "binary " + path + " is " + h.typeName() + ", not position independent; link it with -static-pie";
        } else if (h.interpreter()) {
            why = "binary " + path + " is dynamically linked (PT_INTERP); koskit runs static PIEs: link it with "
                    + "-static-pie";
        }
        return Optional.ofNullable(why).map(w -> new ImageApplication.NotBootable("binary", w));
    }

    private Optional<ImageApplication.NotBootable> checkSpecFile(ImageManifest image, Rootfs rootfs,
                                                                  List<LayerFacts> facts, AppSpec spec)
            throws IOException {
        String path = spec.specPath().orElseThrow();
        if (!(rootfs.resolve(path) instanceof Lookup.Found found) || found.node().type() != EntryType.FILE) {
            return Optional.of(new ImageApplication.NotBootable("spec", "the spec file " + path
                    + " is not a regular file in the image's layers"));
        }
        Node node = found.node();
        if (node.size() > limits.maxCaptureBytes()) {
            return Optional.of(new ImageApplication.NotBootable("spec", "the spec file " + path + " is "
                    + ByteSize.text(node.size()) + "; at most " + ByteSize.text(limits.maxCaptureBytes())
                    + " is read"));
        }
        Optional<byte[]> content = layers.content(source, image.layers().get(node.layer()).digest(),
                facts.get(node.layer()), node.contentPath());
        if (content.isEmpty()) {
            return Optional.of(new ImageApplication.NotBootable("spec", "the spec file " + path
                    + " could not be read from its layer"));
        }
        return firstError(SpecFileChecker.check(content.get(), path, spec, spec.binary()))
                .map(v -> notBootable("spec", v));
    }

    /** The model describes counts as int; a label up to 2^32 - 1 that does not fit is refused in words. */
    private static Optional<ImageApplication.NotBootable> tooLargeForTheModel(AppSpec spec) {
        for (Object[] c : new Object[][] {{KoskitKey.HEAP_PAGES, spec.heapPages(), "heap", MemoryDemand.PAGE},
                {KoskitKey.UT_LARGE_PAGE, spec.utLargePage(), "2 MiB untypeds", MemoryDemand.LARGE_PAGE},
                {KoskitKey.UT_4K_PAGES, spec.ut4kPages(), "4 KiB untypeds", MemoryDemand.PAGE}}) {
            OptionalLong value = (OptionalLong) c[1];
            if (value.isPresent() && value.getAsLong() > Integer.MAX_VALUE) {
                long bytes = value.getAsLong() * (long) c[3];
                return Optional.of(new ImageApplication.NotBootable("labels", c[2] + " of "
                        + ByteSize.count(value.getAsLong()) + " pages needs " + ByteSize.text(bytes) + " ("
                        + ((KoskitKey) c[0]).label() + "); no board the model knows has that much memory"));
            }
        }
        return Optional.empty();
    }

    private static Optional<Violation> firstError(List<Violation> violations) {
        return violations.stream().filter(v -> v.severity() == Severity.ERROR).findFirst();
    }

    private static ImageApplication.NotBootable notBootable(String step, Violation v) {
        return new ImageApplication.NotBootable(step, v.message() + " (" + v.where() + ": expected " + v.expected()
                + ", found " + v.found() + ")");
    }
}
