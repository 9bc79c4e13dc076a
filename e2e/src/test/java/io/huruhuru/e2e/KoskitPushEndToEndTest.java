package io.huruhuru.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.huruhuru.e2e.image.BuildContext;
import io.huruhuru.e2e.image.Jq;
import io.huruhuru.e2e.image.StaticBinary;
import io.huruhuru.e2e.process.CommandResult;
import io.huruhuru.e2e.registry.HuruhuruJar;
import io.huruhuru.e2e.registry.RegistryKind;
import java.io.IOException;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Koskit images built with buildah from a Containerfile like the talk's (a static AArch64 PIE, the spec file at
 * {@code /share.spec.json}, the koskit labels) are checked on push: a valid one is accepted with its report kept, a
 * broken one is refused and {@code buildah push} shows the violation. {@code huruhuru validate --format sarif} on the
 * same image, written to an OCI layout, gives the same verdict before any push.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class KoskitPushEndToEndTest {

    private static final String REPOSITORY = "kos/hello";

    private E2eEnvironment env;

    @RegisterExtension
    final RegistryLogOnFailure registryLogOnFailure = new RegistryLogOnFailure(() -> env);

    @BeforeAll
    void start() {
        Assumptions.assumeTrue(RegistryKind.fromSystemProperties() == RegistryKind.HURUHURU,
                "only Huruhuru validates koskit images on push");
        env = E2eEnvironment.start();
    }

    @AfterAll
    void stop() {
        if (env != null) {
            env.close();
        }
    }

    @Test
    void validKoskitImageIsAcceptedAndItsReportKept() throws IOException {
        String image = build("valid", Optional.of(env.arm64Binary), BuildContext.koskitLabels("hello"));
        assertEquals(List.of(), validateOffline(image, 0), "SARIF results of the valid image");

        String digest = env.buildah.push(image, env.host() + "/" + REPOSITORY + ":1.0");

        HttpResponse<byte[]> report = env.http.get("/sel4/v1/validations/" + REPOSITORY + "/" + digest);
        assertEquals(200, report.statusCode());
        assertEquals("true", Jq.string(report.body(), ".passed"));
        assertEquals("true", Jq.string(report.body(), ".koskit"));
        assertEquals("EM_AARCH64", Jq.string(report.body(), ".images[0].facts.elf.machine"),
                () -> "ELF facts of the binary: " + new String(report.body()));
    }

    @Test
    void priorityAboveMaxPriorityIsRefusedAndBuildahShowsTheViolation() throws IOException {
        Map<String, String> labels = BuildContext.koskitLabels("hello");
        labels.put(BuildContext.SPEC_PREFIX + "priority", "200");

        String image = build("priority", Optional.of(env.arm64Binary), labels);
        assertTrue(validateOffline(image, 1).contains("label.priority-order"));

        CommandResult push = pushExpectingFailure(image, "priority");

        assertTrue(push.stderr().contains("label.priority-order"), push::describe);
        assertTrue(push.stderr().contains("com.koskit.app.spec.priority"), push::describe);
    }

    @Test
    void missingBinaryIsRefusedAndBuildahShowsTheViolation() throws IOException {
        String image = build("missing", Optional.empty(), BuildContext.koskitLabels("hello"));
        assertTrue(validateOffline(image, 1).contains("rootfs.binary.missing"));

        CommandResult push = pushExpectingFailure(image, "missing");

        assertTrue(push.stderr().contains("rootfs.binary.missing"), push::describe);
    }

    @Test
    void dynamicallyLinkedBinaryIsRefusedAndBuildahShowsTheViolation() throws IOException {
        Path dynamic = StaticBinary.dynamicForArm64(env.directory("bin-dynamic"));

        String image = build("dynamic", Optional.of(dynamic), BuildContext.koskitLabels("hello"));
        assertTrue(validateOffline(image, 1).contains("elf.not-static"));

        CommandResult push = pushExpectingFailure(image, "dynamic");

        assertTrue(push.stderr().contains("elf.not-static"), push::describe);
    }

    /** Builds an arm64 image from a koskit Containerfile; returns its local name. */
    private String build(String name, Optional<Path> binary, Map<String, String> labels) {
        BuildContext context = BuildContext.create(env.directory("koskit-" + name), binary, labels, "Containerfile");
        String local = "localhost/koskit-" + name + ":1";
        env.buildah.build(context, local, "arm64");
        return local;
    }

    /**
     * Writes the image to an OCI layout and runs {@code huruhuru validate --format sarif} on it, as a CI job would
     * before pushing; checks the exit code and returns the SARIF results' rule ids.
     */
    private List<String> validateOffline(String image, int expectedExit) throws IOException {
        String name = image.substring(image.lastIndexOf('/') + 1).replace(':', '-');
        Path layout = env.directory("layout-" + name);
        env.buildah.pushToLayout(image, layout, "app");
        Path sarif = layout.resolveSibling(name + ".sarif");
        CommandResult validate = HuruhuruJar.command("validate", "--repository", REPOSITORY, "--format", "sarif",
                "--output", sarif.toString(), "oci:" + layout + ":app").run();
        assertEquals(expectedExit, validate.exitCode(), validate::describe);
        String report = Files.readString(sarif);
        assertEquals("2.1.0", Jq.string(report, ".version"));
        return Jq.lines(report, ".runs[0].results[] | select(.level == \"error\") | .ruleId");
    }

    private CommandResult pushExpectingFailure(String image, String tag) {
        CommandResult push = env.buildah.buildah("push", "--tls-verify=false", image,
                "docker://" + env.host() + "/" + REPOSITORY + ":" + tag).run();
        assertFalse(push.succeeded(), () -> "the push was accepted: " + push.describe());
        System.out.println("[e2e] buildah push of " + tag + " refused: " + lastLine(push.stderr()));
        assertTrue(push.stderr().contains("manifest invalid"), push::describe);
        HttpResponse<byte[]> tagged = env.http.get("/v2/" + REPOSITORY + "/manifests/" + tag);
        assertEquals(404, tagged.statusCode(), "nothing is stored under the refused tag");
        return push;
    }

    private static String lastLine(String text) {
        String[] lines = text.strip().split("\n");
        return lines[lines.length - 1];
    }
}
