package io.huruhuru.server.cli;

import io.huruhuru.validation.ImageValidator;
import io.huruhuru.validation.ValidationReport;
import io.huruhuru.validation.budget.Mode;
import io.huruhuru.validation.budget.Policy;
import io.huruhuru.validation.budget.PolicyException;
import io.huruhuru.validation.budget.PolicyLoader;
import io.huruhuru.oci.ImageReference;
import io.huruhuru.oci.MediaType;
import io.huruhuru.oci.RepositoryName;
import io.huruhuru.validation.remote.RegistryOptions;
import io.huruhuru.validation.report.ReportFormat;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code huruhuru validate}: the registry's push validation of an image, offline or against a registry, for CI. */
@Command(name = "validate", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Check a koskit image as the registry would on push: labels, spec file, binary, budgets.",
            "IMAGE is an OCI layout directory, a tar archive (OCI or docker) or a registry image:",
            "  oci:DIR[:REF]  oci-archive:FILE[:REF]  docker-archive:FILE[:REPO:TAG]  docker://HOST[:PORT]/NAME[:TAG]",
            "Without a prefix an existing path (optionally PATH:REF) is local, anything else a registry image."},
        exitCodeListHeading = "Exit codes:%n",
        exitCodeList = {"0:the image passes (warnings, and errors under a warn-mode policy rule, do not fail it)",
            "1:the image has errors under an enforce-mode rule (or no rule)",
            "2:the image, the policy file or an option cannot be read"})
final class ValidateCommand implements Callable<Integer> {

    static final int PASSED = 0;
    static final int FAILED = 1;
    static final int UNREADABLE = 2;

    @Spec
    private CommandSpec spec;

    @Option(names = "--policy", paramLabel = "FILE", description = "budget policy (YAML); without it no budget applies")
    private Path policyFile;

    @Option(names = "--platform", paramLabel = "NAME",
            description = "check only this platform of an index: linux/arm64, linux/arm64/v8 or arm64")
    private String platform;

    @Option(names = "--format", paramLabel = "FORMAT", defaultValue = "text",
            description = "text, json, junit (JUnit XML) or sarif (SARIF 2.1.0); default text")
    private String format;

    @Option(names = "--output", paramLabel = "FILE",
            description = "write the report here; stdout then gets a one-line verdict")
    private Path output;

    @Option(names = "--repository", paramLabel = "NAME",
            description = "repository name for choosing the policy rule (default: from IMAGE)")
    private String repository;

    @Mixin
    private RegistryAccess registryAccess;

    @Parameters(index = "0", paramLabel = "IMAGE", description = "the image to check (see above)")
    private String image;

    @Override
    public Integer call() {
        try {
            ReportFormat reportFormat = ReportFormat.byName(format).orElseThrow(() -> new Unreadable(
                    "unknown --format " + format + " (text, json, junit or sarif)"));
            Optional<RepositoryName> chosenRepository =
                    Optional.ofNullable(repository).map(ValidateCommand::repositoryName);
            ImageInput input = ImageInput.parse(image);
            RegistryOptions registryOptions = registryAccess.options(System.in);
            Policy policy = policyFile == null ? Policy.NONE : loadPolicy(policyFile);
            ValidationReport report;
            ImageInput.Opened opened = ImageInput.open(input, registryOptions);
            try {
                Optional<RepositoryName> name = chosenRepository.or(() -> input instanceof ImageInput.Registry registry
                        ? Optional.of(registry.reference().repository())
                        : opened.name().flatMap(ValidateCommand::repositoryOf));
                if (name.isEmpty() && policyFile != null) {
                    throw new Unreadable("cannot tell the repository of " + image + " to choose the policy rule"
                            + " (its name is at most a tag); give --repository NAME");
                }
                report = name.isPresent()
                        ? new ImageValidator().validate(opened.source(), policy, name.get(),
                                Optional.ofNullable(platform))
                        : new ImageValidator().validateUnnamed(opened.source(), displayName(input),
                                Optional.ofNullable(platform));
            } finally {
                opened.resource().close();
            }
            if (platform != null && report.images().isEmpty() && MediaType.isIndex(report.mediaType())) {
                throw new Unreadable("no image of the index " + image + " is for the platform " + platform);
            }
            write(reportFormat.render(report), report);
            return exitCode(report);
        } catch (Unreadable | IllegalArgumentException e) {
            return unreadable(e.getMessage());
        } catch (IOException | UncheckedIOException e) {
            return unreadable(e.getMessage());
        }
    }

    /**
     * 1 when the report has errors and the policy rule that applied is in enforce mode (no rule counts as enforce);
     * a warn-mode rule reports the errors but passes, as the registry accepts such a push.
     */
    static int exitCode(ValidationReport report) {
        return !report.passed() && report.mode() == Mode.ENFORCE ? FAILED : PASSED;
    }

    private static Policy loadPolicy(Path file) throws IOException {
        try {
            return PolicyLoader.load(file);
        } catch (PolicyException e) {
            throw new Unreadable("policy " + file + ": " + e.getMessage());
        } catch (java.nio.file.NoSuchFileException e) {
            throw new Unreadable("policy " + file + " does not exist");
        }
    }

    /**
     * The repository in an image's name, if the name has one: {@code kos/app:1.0} and
     * {@code registry:5000/kos/app:1.0} give {@code kos/app}, {@code app:1.0} gives {@code app}; a bare word such as
     * {@code v1} is a tag (image-spec's {@code ref.name} is often only that) and gives nothing.
     */
    static Optional<RepositoryName> repositoryOf(String name) {
        if (name.indexOf('/') < 0 && name.indexOf(':') < 0 && name.indexOf('@') < 0) {
            return Optional.empty();
        }
        try {
            return Optional.of(RepositoryName.parse(ImageReference.parse(name).familiarRepository()));
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
    }

    /** Without a repository (nor a policy) the report needs a label: the layout's or archive's file name will do. */
    private static String displayName(ImageInput input) {
        Path path = input instanceof ImageInput.Layout l ? l.directory() : ((ImageInput.Archive) input).file();
        return String.valueOf(path.toAbsolutePath().normalize().getFileName());
    }

    private static RepositoryName repositoryName(String name) {
        try {
            return RepositoryName.parse(name);
        } catch (IllegalArgumentException e) {
            throw new Unreadable("--repository: " + e.getMessage());
        }
    }

    private void write(byte[] rendered, ValidationReport report) {
        if (output == null) {
            spec.commandLine().getOut().print(new String(rendered, StandardCharsets.UTF_8));
            spec.commandLine().getOut().flush();
            return;
        }
        try {
            Files.write(output, rendered);
        } catch (IOException e) {
            throw new Unreadable("cannot write " + output + ": " + e.getMessage());
        }
        spec.commandLine().getOut().println(report.repository() + "@" + report.digest() + ": "
                + (report.passed() ? "PASSED" : "FAILED") + ", " + report.errorCount() + " error(s), "
                + report.warningCount() + " warning(s), mode " + report.mode().id() + "; report in " + output);
        spec.commandLine().getOut().flush();
    }

    private int unreadable(String message) {
        spec.commandLine().getErr().println("huruhuru validate: " + message);
        spec.commandLine().getErr().flush();
        return UNREADABLE;
    }

    /** The input, the policy or an option cannot be used: exit code 2. */
    private static final class Unreadable extends RuntimeException {
        Unreadable(String message) {
            super(message);
        }
    }
}
