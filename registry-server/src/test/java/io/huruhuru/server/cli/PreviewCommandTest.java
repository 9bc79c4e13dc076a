package io.huruhuru.server.cli;

import static io.huruhuru.validation.fixture.ImageArchives.Named.ref;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.huruhuru.server.RunningRegistry;
import io.huruhuru.validation.fixture.ElfBuilder;
import io.huruhuru.validation.fixture.ImageArchives;
import io.huruhuru.validation.fixture.TalkImage;
import io.huruhuru.validation.fixture.TarBuilder;
import io.huruhuru.validation.fixture.TestImage;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** {@code huruhuru preview}: exit 0 when the image boots, 1 when it does not, 2 when an input cannot be read. */
class PreviewCommandTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path dir;

    @RegisterExtension
    final RunningRegistry registry = new RunningRegistry();

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

    private String layout(TestImage image, String name) throws Exception {
        Path layout = Files.createDirectories(dir.resolve(name));
        return ImageArchives.layout(layout, List.of(ref(image, "v1"))).toString();
    }

    private static TestImage withHeap(long pages) {
        String spec = TestImage.SPEC_JSON.replace("\"heap_pages\":2560", "\"heap_pages\":" + pages);
        return TestImage.hello().label("com.koskit.app.spec.heap_pages", Long.toString(pages))
                .layers(TarBuilder.tar().dir("bin").file("bin/hello", ElfBuilder.staticPie().build(), 0755)
                        .file("share.spec.json", spec).gzipLayer());
    }

    /** The hello image publishing {@code protocol} instead of hello_protocol, so that it can boot beside hello. */
    private static TestImage publishing(String protocol) {
        String spec = TestImage.SPEC_JSON.replace("hello_protocol", protocol);
        return TestImage.hello().label("com.koskit.app.spec.publishes", protocol)
                .layers(TarBuilder.tar().dir("bin").file("bin/hello", ElfBuilder.staticPie().build(), 0755)
                        .file("share.spec.json", spec).gzipLayer());
    }

    @Test
    void theTalksImageRunsAndItsReportCarriesTheRunWithinTheBudgetGiven() throws Exception {
        String layout = layout(TalkImage.build(dir), "talk");

        int full = run("preview", "oci:" + layout + ":v1");
        JsonNode run = JSON.readTree(out.toString()).path("boot").path("run");
        int small = run("preview", "--budget", "1000", "oci:" + layout + ":v1");
        JsonNode cut = JSON.readTree(out.toString()).path("boot").path("run");

        assertEquals(0, full, err::toString);
        assertEquals(TalkImage.CONSOLE, run.path("console").asText(), run::toPrettyString);
        assertEquals(0, run.path("exitStatus").asInt());
        assertEquals(0, small, err::toString);
        assertEquals("budgetExhausted", cut.path("result").asText(), cut::toPrettyString);
    }

    @Test
    void aBudgetThatIsNotPositiveIsAnUnreadableOption() throws Exception {
        int exit = run("preview", "--budget", "0", "oci:" + layout(TestImage.hello(), "hello") + ":v1");

        assertEquals(2, exit);
        assertTrue(err.toString().contains("--budget must be positive"), err::toString);
    }

    @Test
    void anImageThatBootsExitsZeroWithTheReportAsJson() throws Exception {
        int exit = run("preview", "oci:" + layout(TestImage.hello(), "hello") + ":v1");

        assertEquals(0, exit, err::toString);
        JsonNode report = JSON.readTree(out.toString());
        assertEquals("booted", report.path("result").asText());
        assertEquals("qemu-arm-virt", report.path("platform").asText());
        assertTrue(report.path("boot").isObject());
    }

    @Test
    void anImageThatCannotBootExitsOneAndTheReportNamesTheStep() throws Exception {
        Path output = dir.resolve("report.json");

        int exit = run("preview", "--output", output.toString(), "oci:" + layout(withHeap(300_000), "big") + ":v1");

        assertEquals(1, exit, err::toString);
        JsonNode report = JSON.readTree(Files.readAllBytes(output));
        assertEquals("failed", report.path("result").asText());
        assertTrue(out.toString().startsWith("FAILED: step "), out::toString);
    }

    @Test
    void inputsThatCannotBeReadExitTwo() throws Exception {
        String hello = "oci:" + layout(TestImage.hello(), "hello") + ":v1";

        assertEquals(2, run("preview", "oci:" + dir.resolve("missing") + ":v1"));
        assertEquals(2, run("preview", "--platform", "vax", hello));
        assertTrue(err.toString().contains("unknown platform"), err::toString);
        assertEquals(2, run("preview", "--format", "pdf", hello));
        assertEquals(2, run("preview"));
        assertEquals(2, run("preview", "--system", dir.resolve("missing.yaml").toString()));
        Files.writeString(dir.resolve("bad.yaml"), "services: [");
        assertEquals(2, run("preview", "--system", dir.resolve("bad.yaml").toString()));
    }

    @Test
    void aSystemOfLayoutsBesideTheComposeFileAndOfRegistryImagesBoots() throws Exception {
        layout(TestImage.hello(), "hello");
        TestImage image = publishing("other_protocol");
        image.blobs().values().forEach(blob -> registry.pushBlob("kos/hello", blob));
        assertEquals(201, registry.putManifest("kos/hello", "1.0", image.manifestMediaType(), image.manifestBytes())
                .statusCode());
        Path compose = dir.resolve("compose.yaml");
        Files.writeString(compose, """
                services:
                  local:
                    image: oci:hello:v1
                  remote:
                    image: 127.0.0.1:%d/kos/hello:1.0
                """.formatted(registry.port()));

        int exit = run("preview", "--plain-http", "--system", compose.toString());

        assertEquals(0, exit, () -> err + out.toString());
        JsonNode report = JSON.readTree(out.toString());
        assertEquals("system", report.path("kind").asText());
        assertEquals("booted", report.path("result").asText());
    }

    @Test
    void aRegistryImageIsPreviewedAsALayoutIs() throws Exception {
        TestImage image = TestImage.hello();
        image.blobs().values().forEach(blob -> registry.pushBlob("kos/hello", blob));
        registry.putManifest("kos/hello", "1.0", image.manifestMediaType(), image.manifestBytes());

        int exit = run("preview", "--plain-http", "127.0.0.1:" + registry.port() + "/kos/hello:1.0");

        assertEquals(0, exit, err::toString);
        assertEquals("booted", JSON.readTree(out.toString()).path("result").asText());
    }

    private static org.w3c.dom.Document svg(byte[] bytes) throws Exception {
        javax.xml.parsers.DocumentBuilderFactory factory = javax.xml.parsers.DocumentBuilderFactory.newInstance();
        factory.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
        return factory.newDocumentBuilder().parse(new java.io.ByteArrayInputStream(bytes));
    }

    @Test
    void anImagesMemoryPictureIsWrittenAsSvgWhoseAppRegionsAddUpToTheJsonReport() throws Exception {
        String hello = "oci:" + layout(TestImage.hello(), "hello") + ":v1";
        Path picture = dir.resolve("memory.svg");
        assertEquals(0, run("preview", hello), err::toString);
        JsonNode app = JSON.readTree(out.toString()).path("boot").path("applications").get(0);

        int exit = run("preview", "--format", "svg", "--output", picture.toString(), hello);

        assertEquals(0, exit, err::toString);
        assertTrue(out.toString().startsWith("BOOTED; report in "), out::toString);
        org.w3c.dom.NodeList groups = svg(Files.readAllBytes(picture)).getElementsByTagName("g");
        long drawn = 0;
        for (int i = 0; i < groups.getLength(); i++) {
            org.w3c.dom.Element g = (org.w3c.dom.Element) groups.item(i);
            if (g.getAttribute("data-space").equals("physical")
                    && g.getAttribute("data-owner").equals(app.path("name").asText())) {
                drawn += Long.parseLong(g.getAttribute("data-size"));
            }
        }
        assertEquals(app.path("memory").path("totalBytes").asLong(), drawn);
    }

    @Test
    void theTextFormatIsTheBootLogAndAFailedBootsLogSaysWhy() throws Exception {
        String big = "oci:" + layout(withHeap(300_000), "big") + ":v1";
        assertEquals(1, run("preview", big));
        JsonNode error = JSON.readTree(out.toString()).path("boot").path("error");

        int exit = run("preview", "--format", "text", big);

        assertEquals(1, exit, err::toString);
        assertTrue(out.toString().contains(error.path("detail").asText()), out::toString);
        assertTrue(out.toString().startsWith("preview: image on qemu-arm-virt, " + big), out::toString);
    }

    @Test
    void aSystemsPictureDrawsItsServices() throws Exception {
        layout(TestImage.hello(), "hello");
        Path compose = dir.resolve("compose.yaml");
        Files.writeString(compose, "services:\n  only:\n    image: oci:hello:v1\n");

        int exit = run("preview", "--format", "svg", "--system", compose.toString());

        assertEquals(0, exit, err::toString);
        String picture = out.toString();
        svg(picture.getBytes(java.nio.charset.StandardCharsets.UTF_8));
        assertTrue(picture.contains("data-name=\"only\""), picture);
    }
}
