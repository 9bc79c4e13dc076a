package io.huruhuru.server.cli;

import static io.huruhuru.validation.fixture.ImageArchives.Named.ref;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.huruhuru.validation.fixture.ImageArchives;
import io.huruhuru.validation.fixture.TarBuilder;
import io.huruhuru.validation.fixture.TestImage;
import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import javax.xml.parsers.DocumentBuilderFactory;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;
import picocli.CommandLine;

class ValidateCommandTest {

    private static final String PRIORITY_ORDER = "label.priority-order";
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path dir;

    private StringWriter out = new StringWriter();
    private StringWriter err = new StringWriter();

    private int run(String... args) {
        out = new StringWriter();
        err = new StringWriter();
        CommandLine command = new CommandLine(new Huruhuru());
        command.setOut(new PrintWriter(out));
        command.setErr(new PrintWriter(err));
        return command.execute(args);
    }

    /** A layout holding {@code image} under the ref name {@code refName}. */
    private String layout(TestImage image, String refName) throws Exception {
        Path layout = Files.createDirectories(dir.resolve("layout-" + refName.replaceAll("[^a-z0-9]", "-")));
        return ImageArchives.layout(layout, List.of(ref(image, refName))).toString();
    }

    private static TestImage priorityAboveMaxPriority() {
        return TestImage.hello().label("com.koskit.app.spec.priority", "200");
    }

    private Path policy(String mode) throws Exception {
        return Files.writeString(dir.resolve("policy-" + mode + ".yaml"), "platforms:\n  odroid-c4:\n"
                + "    architecture: arm64\nrules:\n  - repositories: [\"kos/**\"]\n    platform: odroid-c4\n"
                + "    mode: " + mode + "\n    limits:\n      priority: 100\n");
    }

    @Test
    void layoutThatPassesExitsZero() throws Exception {
        String layout = layout(TestImage.hello(), "v1");

        int exit = run("validate", layout);

        assertEquals(0, exit, err::toString);
        assertTrue(out.toString().contains("PASSED: 0 error(s)"), out::toString);
    }

    @Test
    void priorityAboveMaxPriorityExitsOneWithTheViolationInText() throws Exception {
        int exit = run("validate", layout(priorityAboveMaxPriority(), "v1"));

        assertEquals(1, exit, err::toString);
        assertTrue(out.toString().contains("error " + PRIORITY_ORDER + " "), out::toString);
        assertTrue(out.toString().contains("FAILED"), out::toString);
    }

    @Test
    void jsonReportParsesAndNamesTheRule() throws Exception {
        int exit = run("validate", "--format", "json", layout(priorityAboveMaxPriority(), "v1"));

        JsonNode report = JSON.readTree(out.toString());
        assertEquals(1, exit, err::toString);
        assertEquals(false, report.get("passed").asBoolean());
        assertEquals(PRIORITY_ORDER, report.at("/images/0/violations/0/rule").asText());
    }

    @Test
    void junitReportParsesWithAFailureOfTheRule() throws Exception {
        int exit = run("validate", "--format", "junit", layout(priorityAboveMaxPriority(), "v1"));

        Document xml = DocumentBuilderFactory.newInstance().newDocumentBuilder().parse(new ByteArrayInputStream(
                out.toString().getBytes(StandardCharsets.UTF_8)));
        NodeList failures = xml.getElementsByTagName("failure");
        assertEquals(1, exit, err::toString);
        assertEquals("testsuites", xml.getDocumentElement().getTagName());
        assertEquals(PRIORITY_ORDER, ((Element) failures.item(0)).getAttribute("type"));
    }

    @Test
    void sarifReportIsVersion210WithAResultOfTheRule() throws Exception {
        int exit = run("validate", "--format", "sarif", layout(priorityAboveMaxPriority(), "v1"));

        JsonNode sarif = JSON.readTree(out.toString());
        assertEquals(1, exit, err::toString);
        assertEquals("2.1.0", sarif.get("version").asText());
        List<String> rules = sarif.at("/runs/0/results").findValuesAsText("ruleId");
        assertTrue(rules.contains(PRIORITY_ORDER), rules::toString);
    }

    @Test
    void outputWritesTheReportToTheFileAndAVerdictLineToStdout() throws Exception {
        Path report = dir.resolve("validation.json");

        int exit = run("validate", "--format", "json", "--output", report.toString(),
                layout(priorityAboveMaxPriority(), "v1"));

        assertEquals(1, exit, err::toString);
        assertEquals(PRIORITY_ORDER, JSON.readTree(report.toFile()).at("/images/0/violations/0/rule").asText());
        String[] lines = out.toString().split("\n");
        assertEquals(1, lines.length, out::toString);
        assertTrue(lines[0].contains("FAILED, 2 error(s), 0 warning(s), mode enforce; report in " + report),
                lines[0]);
    }

    @Test
    void layoutWithNoRepositoryAndNoPolicyIsLabelledByItsDirectoryName() throws Exception {
        int exit = run("validate", "--format", "json", layout(TestImage.hello(), "v1"));

        JsonNode report = JSON.readTree(out.toString());
        assertEquals(0, exit, err::toString);
        assertEquals("layout-v1", report.get("repository").asText());
    }

    @Test
    void policyRuleIsChosenByTheRepositoryInTheRefName() throws Exception {
        int exit = run("validate", "--format", "json", "--policy", policy("enforce").toString(),
                layout(TestImage.hello(), "registry.example/kos/hello:1.0"));

        JsonNode report = JSON.readTree(out.toString());
        assertEquals(1, exit, err::toString);
        assertEquals("kos/hello", report.get("repository").asText());
        assertEquals("budget.priority", report.at("/images/0/violations/0/rule").asText());
    }

    @Test
    void warnModeRuleReportsErrorsButExitsZero() throws Exception {
        int exit = run("validate", "--policy", policy("warn").toString(), "--repository", "kos/hello",
                layout(TestImage.hello(), "v1"));

        assertEquals(0, exit, err::toString);
        assertTrue(out.toString().contains("error budget.priority"), out::toString);
        assertTrue(out.toString().contains("FAILED: 1 error(s), 0 warning(s), mode warn"), out::toString);
    }

    @Test
    void policyNeedsARepositoryWhenTheImageIsNamedOnlyByATag() throws Exception {
        String layout = layout(TestImage.hello(), "v1");
        String policy = policy("enforce").toString();

        int unknown = run("validate", "--policy", policy, layout);
        String error = err.toString();
        int given = run("validate", "--policy", policy, "--repository", "kos/hello", layout);

        assertEquals(2, unknown);
        assertEquals("huruhuru validate: cannot tell the repository of " + layout + " to choose the policy rule (its "
                + "name is at most a tag); give --repository NAME\n", error);
        assertEquals(1, given, err::toString);
    }

    @Test
    void ociArchiveWithItsPrefixAndRefName() throws Exception {
        Path layout = Path.of(layout(TestImage.hello(), "v1"));
        Path archive = ImageArchives.write(dir.resolve("app.tar"), ImageArchives.tarOf(layout).bytes());

        assertEquals(0, run("validate", "oci-archive:" + archive + ":v1"), err::toString);
        assertEquals(0, run("validate", archive.toString()), err::toString);
        assertEquals(2, run("validate", "oci-archive:" + archive + ":v9"));
        assertEquals("huruhuru validate: index.json in app.tar has no image named v9\n", err.toString());
    }

    @Test
    void dockerArchiveByRepoTagTakesItsRepositoryForThePolicy() throws Exception {
        TarBuilder tar = TarBuilder.tar();
        ImageArchives.manifestJson(tar, ImageArchives.addDockerImage(tar,
                TestImage.hello().layers(TestImage.helloLayer().tarLayer()), "", "registry.example/kos/hello:1.0"));
        Path archive = ImageArchives.write(dir.resolve("docker.tar"), tar.bytes());

        int exit = run("validate", "--format", "json", "--policy", policy("enforce").toString(),
                "docker-archive:" + archive + ":registry.example/kos/hello:1.0");

        JsonNode report = JSON.readTree(out.toString());
        assertEquals(1, exit, err::toString);
        assertEquals("kos/hello", report.get("repository").asText());
        assertEquals("application/vnd.docker.distribution.manifest.v2+json", report.get("mediaType").asText());
    }

    @Test
    void platformChecksOnlyThatImageOfAnIndex() throws Exception {
        Path layout = Files.createDirectories(dir.resolve("index"));
        TestImage.index(Map.of("arm64", TestImage.hello(), "amd64", priorityAboveMaxPriority().architecture("amd64")))
                .writeLayout(layout, "v1");

        assertEquals(1, run("validate", layout.toString()), err::toString);
        assertEquals(0, run("validate", "--platform", "linux/arm64", layout.toString()), err::toString);
        assertEquals(2, run("validate", "--platform", "linux/riscv64", layout.toString()));
        assertEquals("huruhuru validate: no image of the index " + layout + " is for the platform linux/riscv64\n",
                err.toString());
    }

    @Test
    void unreadableInputExitsTwoWithTheReasonOnStderr() throws Exception {
        Path notALayout = Files.createDirectories(dir.resolve("empty"));

        assertEquals(2, run("validate", "oci:" + notALayout));
        assertTrue(err.toString().startsWith("huruhuru validate: " + notALayout + " is not an OCI image layout: "),
                err::toString);
        assertEquals(2, run("validate", "no-such-image"));
        assertTrue(err.toString().startsWith("huruhuru validate: no-such-image is neither an existing path nor a "
                + "registry reference with a host"), err::toString);
        assertEquals("", out.toString());
    }

    @Test
    void badPolicyAndBadOptionValuesExitTwo() throws Exception {
        String layout = layout(TestImage.hello(), "v1");
        Path badPolicy = Files.writeString(dir.resolve("bad.yaml"), "rules:\n  - repositories: [\"kos/**\"]\n"
                + "    limits: {priorty: 1}\n");

        assertEquals(2, run("validate", "--policy", badPolicy.toString(), "--repository", "kos/hello", layout));
        assertTrue(err.toString().startsWith("huruhuru validate: policy " + badPolicy + ": "), err::toString);
        assertEquals(2, run("validate", "--policy", dir.resolve("missing.yaml").toString(), layout));
        assertEquals("huruhuru validate: policy " + dir.resolve("missing.yaml") + " does not exist\n", err.toString());
        assertEquals(2, run("validate", "--format", "html", layout));
        assertEquals("huruhuru validate: unknown --format html (text, json, junit or sarif)\n", err.toString());
        assertEquals(2, run("validate", "--repository", "Kos/Hello", layout));
        assertEquals("huruhuru validate: --repository: invalid repository name: Kos/Hello\n", err.toString());
        assertEquals(2, run("validate", "--username", "ci", layout));
        assertEquals("huruhuru validate: --username and --password-stdin go together\n", err.toString());
    }

    @Test
    void passwordStdinNeedsAPassword() throws Exception {
        String layout = layout(TestImage.hello(), "v1");
        InputStream stdin = System.in;
        try {
            System.setIn(new ByteArrayInputStream(new byte[0]));

            assertEquals(2, run("validate", "--username", "ci", "--password-stdin", layout));
            assertEquals("huruhuru validate: --password-stdin: no password on stdin\n", err.toString());
        } finally {
            System.setIn(stdin);
        }
    }
}
