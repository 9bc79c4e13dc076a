package io.huruhuru.server.cli;

import io.huruhuru.oci.Digest;
import io.huruhuru.sel4.Sel4Preview;
import io.huruhuru.sel4.UnreadableInputException;
import io.huruhuru.sel4.boot.Platform;
import io.huruhuru.sel4.report.BootReport;
import io.huruhuru.sel4.system.ServiceImage;
import io.huruhuru.sel4.system.ServiceImages;
import io.huruhuru.sel4.system.ServiceProcess;
import io.huruhuru.sel4.system.SystemFile;
import io.huruhuru.server.preview.ImageBoot;
import io.huruhuru.server.preview.PreviewRendering;
import io.huruhuru.server.preview.PreviewReports;
import io.huruhuru.server.preview.PreviewReports.Outcome;
import io.huruhuru.server.preview.RunBudget;
import io.huruhuru.validation.LayerFactsCache;
import io.huruhuru.validation.application.ImageApplication;
import io.huruhuru.validation.application.ImageApplications;
import io.huruhuru.validation.application.ImageRun;
import io.huruhuru.validation.layer.ReadLimits;
import io.huruhuru.validation.remote.RegistryOptions;
import io.huruhuru.validation.rootfs.ImageFileContents;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code huruhuru preview}: boots an image, or a compose system of images, on the seL4 model and prints the report. */
@Command(name = "preview", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Boot an image (or, with --system, a compose file of images) on the seL4 model and print the "
                + "preview report, as the registry's /sel4/v1/previews does.",
            "IMAGE, and each image: of a compose file, is an OCI layout, a tar archive or a registry image:",
            "  oci:DIR[:REF]  oci-archive:FILE[:REF]  docker-archive:FILE[:REF]  docker://HOST[:PORT]/NAME[:TAG]",
            "Paths in a compose file are relative to it."},
        exitCodeListHeading = "Exit codes:%n",
        exitCodeList = {"0:the image (every service) booted", "1:it failed to boot (the report says at which step "
                + "and why)", "2:an image, the compose file or an option cannot be read"})
final class PreviewCommand implements Callable<Integer> {

    static final int BOOTED = Sel4Preview.EXIT_BOOTED;
    static final int FAILED = Sel4Preview.EXIT_FAILED;
    static final int UNREADABLE = Sel4Preview.EXIT_UNREADABLE;

    @Spec
    private CommandSpec spec;

    @Option(names = "--platform", paramLabel = "NAME", defaultValue = "qemu-arm-virt",
            description = "board of the model (see `huruhuru sel4 platforms`); default qemu-arm-virt")
    private String platformName;

    @Option(names = "--format", paramLabel = "FORMAT", defaultValue = "json",
            description = "json (the default: the report), text (the boot log with memory tables) or svg (the memory "
                    + "picture of an image, the system picture with --system)")
    private String format;

    @Option(names = "--output", paramLabel = "FILE",
            description = "write the report here; stdout then gets a one-line verdict")
    private Path output;

    @Option(names = "--budget", paramLabel = "N",
            description = "instructions a native application runs for (default: 100000000)")
    private long budget = RunBudget.DEFAULT.defaultBudget();

    @Option(names = "--system", paramLabel = "COMPOSE.yaml",
            description = "boot this compose file's services as one system instead of one IMAGE")
    private Path system;

    @Mixin
    private RegistryAccess registryAccess;

    @Parameters(index = "0", arity = "0..1", paramLabel = "IMAGE", description = "the image to boot (see above)")
    private String image;

    @Override
    public Integer call() {
        try {
            PreviewRendering rendering = PreviewRendering.named(format).orElseThrow(() ->
                    new UnreadableInputException("unknown --format " + format + "; json, text or svg"));
            if ((image == null) == (system == null)) {
                throw new UnreadableInputException("give either IMAGE or --system COMPOSE.yaml");
            }
            Platform platform = Sel4Preview.platform(platformName);
            RegistryOptions options = registryAccess.options(System.in);
            Outcome outcome;
            byte[] report;
            if (system != null) {
                outcome = system(platform, options);
                report = PreviewReports.localSystem(platform.name(), outcome);
            } else {
                if (budget <= 0) {
                    throw new UnreadableInputException("--budget must be positive, got " + budget);
                }
                Prepared prepared = prepare(image, ImageInput.parse(image), platform, options);
                outcome = ImageBoot.run(prepared.run(), platform, budget);
                report = PreviewReports.local(image, prepared.manifest(), platform.name(), outcome);
            }
            byte[] rendered;
            try {
                rendered = rendering.render(report, system != null);
            } catch (IllegalArgumentException e) {
                // only a picture of an image that never reached the model: it failed, and the reason is said
                spec.commandLine().getErr().println("huruhuru preview: FAILED: " + e.getMessage());
                spec.commandLine().getErr().flush();
                return FAILED;
            }
            write(rendered, outcome);
            return outcome.booted() ? BOOTED : FAILED;
        } catch (UnreadableInputException | IllegalArgumentException | IOException | UncheckedIOException e) {
            spec.commandLine().getErr().println("huruhuru preview: " + e.getMessage());
            spec.commandLine().getErr().flush();
            return UNREADABLE;
        }
    }

    /** What an image needs to run, and the digest of the manifest the input named. */
    private record Prepared(Digest manifest, ImageRun run) {
    }

    private static Prepared prepare(String text, ImageInput input, Platform platform, RegistryOptions options)
            throws IOException {
        ImageInput.Opened opened = ImageInput.open(input, options);
        try {
            ImageRun run = new ImageApplications(ReadLimits.DEFAULT, LayerFactsCache.NONE).prepareRun(
                    opened.source(), platform.kernel().architecture(), ServiceProcess.UNCHANGED,
                    ImageFileContents.DEFAULT_MAX_BYTES);
            return new Prepared(opened.source().manifest().digest(), run);
        } catch (IOException e) {
            throw new IOException(text + ": " + e.getMessage(), e);
        } finally {
            opened.resource().close();
        }
    }

    /** What an image maps to, and the digest of the manifest the input named. */
    private record Mapped(Digest manifest, ImageApplication application) {
    }

    private static Mapped describe(String text, ImageInput input, Platform platform, RegistryOptions options,
            ServiceProcess process) throws IOException {
        ImageInput.Opened opened = ImageInput.open(input, options);
        try {
            ImageApplication application = new ImageApplications(ReadLimits.DEFAULT, LayerFactsCache.NONE)
                    .describe(opened.source(), platform.kernel().architecture(), process);
            return new Mapped(opened.source().manifest().digest(), application);
        } catch (IOException e) {
            throw new IOException(text + ": " + e.getMessage(), e);
        } finally {
            opened.resource().close();
        }
    }

    private Outcome system(Platform platform, RegistryOptions options) throws UnreadableInputException {
        String yaml;
        try {
            yaml = Files.readString(system);
        } catch (IOException e) {
            throw new UnreadableInputException("cannot read " + system + ": " + e.getMessage(), e);
        }
        Path directory = system.toAbsolutePath().getParent();
        ServiceImages images = (service, text, process) -> {
            try {
                ImageApplication application = describe(text, ImageInput.parse(relativeTo(directory, text)), platform,
                        options, process).application();
                if (application instanceof ImageApplication.Bootable bootable) {
                    return new ServiceImage.Bootable(bootable.application().withName(service));
                }
                ImageApplication.NotBootable not = (ImageApplication.NotBootable) application;
                return new ServiceImage.NotBootable(not.step(), not.reason());
            } catch (IOException | IllegalArgumentException e) {
                throw new UnreadableInputException("service " + service + ": " + e.getMessage(), e);
            }
        };
        BootReport boot = Sel4Preview.upAndDown(platform, SystemFile.read(yaml, images));
        return Outcome.of(null, List.of(), boot);
    }

    /** A local image of a compose file, its path made relative to the compose file's directory. */
    static String relativeTo(Path directory, String text) {
        for (String prefix : new String[] {"oci:", "oci-archive:", "docker-archive:"}) {
            if (text.startsWith(prefix) && !Path.of(pathPart(text.substring(prefix.length()))).isAbsolute()) {
                return prefix + directory.resolve(text.substring(prefix.length()));
            }
        }
        if (!text.startsWith("docker://") && Files.exists(directory.resolve(pathPart(text)))
                && !Path.of(pathPart(text)).isAbsolute()) {
            return directory.resolve(text).toString();
        }
        return text;
    }

    private static String pathPart(String text) {
        int colon = text.indexOf(':');
        return colon < 0 ? text : text.substring(0, colon);
    }

    private void write(byte[] report, Outcome outcome) throws UnreadableInputException {
        if (output == null) {
            spec.commandLine().getOut().print(new String(report, StandardCharsets.UTF_8));
            spec.commandLine().getOut().flush();
            return;
        }
        try {
            Files.write(output, report);
        } catch (IOException e) {
            throw new UnreadableInputException("cannot write " + output + ": " + e.getMessage(), e);
        }
        spec.commandLine().getOut().println((outcome.booted() ? "BOOTED" : "FAILED: " + outcome.failure())
                + "; report in " + output);
        spec.commandLine().getOut().flush();
    }
}
