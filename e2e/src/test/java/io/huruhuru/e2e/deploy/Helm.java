package io.huruhuru.e2e.deploy;

import io.huruhuru.e2e.process.Command;
import io.huruhuru.e2e.process.CommandResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** The helm v3 binary the chart tests run: {@code HURUHURU_HELM} (as {@code .ci/run} sets it), else helm on PATH. */
final class Helm {

    static final String ENVIRONMENT_VARIABLE = "HURUHURU_HELM";

    private final String executable;

    private Helm(String executable) {
        this.executable = executable;
    }

    static Optional<Helm> find() {
        String configured = System.getenv(ENVIRONMENT_VARIABLE);
        if (configured != null && !configured.isBlank()) {
            return Optional.of(new Helm(configured));
        }
        for (String directory : System.getenv().getOrDefault("PATH", "").split(":")) {
            if (!directory.isEmpty() && Files.isExecutable(Path.of(directory, "helm"))) {
                return Optional.of(new Helm(Path.of(directory, "helm").toString()));
            }
        }
        return Optional.empty();
    }

    /** {@code helm lint --strict CHART -f VALUES}. */
    CommandResult lint(Path chart, Path values) {
        return helm(List.of("lint", "--strict", chart.toString(), "--values", values.toString())).run();
    }

    /** {@code helm template RELEASE CHART -f VALUES}, whatever its exit code. */
    CommandResult template(String release, Path chart, Path values) {
        return helm(List.of("template", release, chart.toString(), "--values", values.toString())).run();
    }

    /** The objects {@code helm template} renders; fails the test when helm refuses the values. */
    RenderedChart render(String release, Path chart, Path values) {
        CommandResult result = template(release, chart, values);
        if (!result.succeeded()) {
            throw new AssertionError("helm template failed\n" + result.describe());
        }
        return RenderedChart.parse(result.stdout());
    }

    private Command helm(List<String> arguments) {
        List<String> line = new ArrayList<>();
        line.add(executable);
        line.addAll(arguments);
        return Command.of(line).timeout(Duration.ofMinutes(1));
    }
}
