package io.huruhuru.e2e;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.huruhuru.e2e.image.BuildContext;
import io.huruhuru.e2e.image.Jq;
import io.huruhuru.e2e.preview.HeadlessChromium;
import io.huruhuru.e2e.preview.PreviewHttp;
import io.huruhuru.e2e.preview.TalkImages;
import io.huruhuru.e2e.process.Command;
import io.huruhuru.e2e.process.CommandResult;
import io.huruhuru.e2e.registry.HuruhuruJar;
import io.huruhuru.e2e.registry.MediaTypes;
import io.huruhuru.e2e.registry.RegistryKind;
import io.huruhuru.e2e.registry.RegistryProcess;
import io.huruhuru.sel4.picture.MemoryPicture;
import io.huruhuru.sel4.picture.SystemPicture;
import java.io.IOException;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Boot previews with real clients: buildah builds the koskit talk's native hello image and a multi-layer microVM
 * image, buildah and docker push them, and the registry's preview API, {@code huruhuru preview} and the
 * {@code requireBoot} gate boot them on the seL4 model's qemu-arm-virt board; headless chromium draws the memory
 * picture.
 */
// In order: the first previews must be computed (201), the picture tests later ask for the same ones again (200).
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class BootPreviewEndToEndTest {

    private static final String BOARD = "qemu-arm-virt";
    private static final String HELLO = "kos/hello";
    private static final String HELLO_BY_DOCKER = "kos/hello-docker";
    private static final String WEB = "kos/web";
    private static final String WEB_BY_DOCKER = "kos/web-docker";
    /** 300,000 pages of 4 KiB are 1.14 GiB: more than the board's 1 GiB of RAM. */
    private static final String HEAP_TOO_LARGE = "300000";

    private E2eEnvironment env;
    private PreviewHttp previews;
    private Path hello;

    @RegisterExtension
    final RegistryLogOnFailure registryLogOnFailure = new RegistryLogOnFailure(() -> env);

    @BeforeAll
    void buildAndPush() {
        Assumptions.assumeTrue(RegistryKind.fromSystemProperties() == RegistryKind.HURUHURU,
                "only Huruhuru boots images on the seL4 model");
        for (String tool : List.of("buildah", "aarch64-linux-gnu-gcc", "dockerd", "chromium")) {
            Assumptions.assumeTrue(Command.of("sh", "-c", "command -v " + tool).run().succeeded(),
                    tool + " is not installed (.ci/run installs it)");
        }
        env = E2eEnvironment.start();
        previews = new PreviewHttp(env.registry);
        hello = TalkImages.compileHello(env.directory("talk-bin"));
        buildNative("hello", BuildContext.koskitLabels("hello"));
        buildMicroVm();
        String helloDigest = env.buildah.push("localhost/talk-hello:1", env.host() + "/" + HELLO + ":1.0");
        String webDigest = env.buildah.push("localhost/talk-web:1", env.host() + "/" + WEB + ":1.0");
        System.out.println("[e2e] buildah pushed " + HELLO + ":1.0 " + helloDigest + " and " + WEB + ":1.0 "
                + webDigest);
        dockerRepush(HELLO, HELLO_BY_DOCKER);
        dockerRepush(WEB, WEB_BY_DOCKER);
    }

    @AfterAll
    void stop() {
        if (env != null) {
            env.close();
        }
    }

    @Test
    @Order(1)
    void nativeImagePushedByBuildahOrDockerBootsNativelyAndIsKeptById() {
        for (String repository : List.of(HELLO, HELLO_BY_DOCKER)) {
            HttpResponse<byte[]> created = previews.preview(repository + ":1.0", BOARD);

            assertEquals(201, created.statusCode(), () -> new String(created.body()));
            String location = created.headers().firstValue("Location").orElseThrow();
            byte[] report = created.body();
            assertEquals("booted", Jq.string(report, ".result"), () -> new String(report));
            assertEquals(BOARD, Jq.string(report, ".boot.platform"));
            assertTrue(Jq.string(report, ".notes[0]").startsWith("native:"), () -> Jq.string(report, ".notes"));
            // argv is /hello hello_world test: ENTRYPOINT + CMD.
            assertEquals("3", Jq.string(report, ".boot.applications[0].thread.argc"));
            assertEquals("hello_protocol", Jq.string(report, ".boot.applications[0].protocols[0].name"));

            HttpResponse<byte[]> kept = previews.get(location);
            assertEquals(200, kept.statusCode());
            assertArrayEquals(report, kept.body(), "GET of the Location gives the bytes POST answered");
            HttpResponse<byte[]> again = previews.preview(repository + ":1.0", BOARD);
            assertEquals(200, again.statusCode(), "the same inputs are served from storage");
            assertArrayEquals(report, again.body(), "the same inputs give the same report");
            String id = Jq.string(report, ".id");
            List<String> listed = Jq.lines(previews.get("/sel4/v1/previews?repository=" + repository).body(),
                    ".previews[].id");
            assertTrue(listed.contains(id), () -> "list of " + repository + ": " + listed);
            System.out.println("[e2e] POST /sel4/v1/previews " + repository + ":1.0 -> 201 " + location + ", "
                    + Jq.string(report, ".result") + " on " + BOARD + " (" + Jq.string(report, ".notes[0]")
                    + "; argc 3, publishes hello_protocol), " + report.length + " bytes; GET and a second POST (200) give"
                    + " the same bytes; listed");
            System.out.println("[e2e] " + repository + ": " + consoleOfTheRun(report));
        }
    }

    @Test
    @Order(2)
    void microVmImageBootsWithItsLayersAsDisksAndItsExposedPortOnVsock() {
        for (String repository : List.of(WEB, WEB_BY_DOCKER)) {
            byte[] manifest = env.http.get("/v2/" + repository + "/manifests/1.0", MediaTypes.ALL_MANIFESTS).body();
            List<String> layers = Jq.lines(manifest, ".layers[].digest");
            assertTrue(layers.size() >= 3, () -> "a multi-layer image: " + new String(manifest));

            HttpResponse<byte[]> created = previews.preview(repository + ":1.0", BOARD);

            assertEquals(201, created.statusCode(), () -> new String(created.body()));
            byte[] report = created.body();
            assertEquals("booted", Jq.string(report, ".result"), () -> new String(report));
            assertTrue(Jq.string(report, ".notes[0]").startsWith("microVM:"), () -> Jq.string(report, ".notes"));
            String guest = ".boot.applications[0].guest";
            assertEquals(layers, Jq.lines(report, guest
                    + ".devices[] | select(.kind == \"virtio-blk\" and .readOnly) | .image"),
                    "the layers are the guest's read-only disks, base first");
            assertEquals(List.of(String.valueOf(TalkImages.EXPOSED_PORT)), Jq.lines(report, guest
                    + ".devices[] | select(.kind == \"virtio-vsock\") | .ports[]"));
            assertEquals(List.of("python3", "/app/main.py"), Jq.lines(report, guest + ".init.config.process.args[]"));
            assertArrayEquals(report, previews.get(created.headers().firstValue("Location").orElseThrow()).body());
            System.out.println("[e2e] POST /sel4/v1/previews " + repository + ":1.0 -> 201, booted as a microVM: "
                    + layers.size() + " layers as read-only virtio-blk disks, vsock port "
                    + TalkImages.EXPOSED_PORT + ", guest process python3 /app/main.py");
        }
    }

    @Test
    @Order(3)
    void cliPreviewsTheRegistryImageAndItsOciLayoutAlike() throws IOException {
        Path out = env.directory("cli-preview");
        Path fromRegistry = out.resolve("registry.json");
        CommandResult registry = HuruhuruJar.command("preview", env.host() + "/" + HELLO + ":1.0", "--plain-http",
                "--output", fromRegistry.toString()).run();
        assertEquals(0, registry.exitCode(), registry::describe);

        Path layout = env.directory("cli-layout");
        env.buildah.pushToLayout("localhost/talk-hello:1", layout, "hello");
        Path fromLayout = out.resolve("layout.json");
        CommandResult local = HuruhuruJar.command("preview", "oci:" + layout + ":hello", "--output",
                fromLayout.toString()).run();
        assertEquals(0, local.exitCode(), local::describe);

        String registryReport = Files.readString(fromRegistry);
        String layoutReport = Files.readString(fromLayout);
        assertEquals("booted", Jq.string(registryReport, ".result"), registryReport);
        assertEquals("booted", Jq.string(layoutReport, ".result"), layoutReport);
        consoleOfTheRun(registryReport.getBytes(StandardCharsets.UTF_8));
        assertEquals(Jq.string(registryReport, ".boot | tojson"), Jq.string(layoutReport, ".boot | tojson"),
                "the same image boots the same from the registry and from a layout");
        System.out.println("[e2e] huruhuru preview " + env.host() + "/" + HELLO + ":1.0 --plain-http -> exit 0 ("
                + registry.stdout().strip() + ", the app ran); oci: layout -> exit 0, the same boot section and run");
    }

    @Test
    @Order(4)
    void talksComposeSystemOfPushedImagesBootsOverHttpAndWithTheCli() throws IOException {
        // The registry takes a reference without its address; the CLI needs the address to find the registry.
        String compose = talksCompose(WEB + ":1.0");

        HttpResponse<byte[]> created = previews.system(compose, BOARD);

        assertEquals(201, created.statusCode(), () -> new String(created.body()));
        assertTrue(created.headers().firstValue("Location").orElseThrow().startsWith("/sel4/v1/systems/"));
        byte[] report = created.body();
        assertSystemBooted(report);
        assertArrayEquals(report, previews.get(created.headers().firstValue("Location").orElseThrow()).body());
        System.out.println("[e2e] POST /sel4/v1/systems?platform=" + BOARD + " -> 201, booted in order "
                + Jq.lines(report, ".boot.system.bootOrder[]") + ", Poukai.msg0 serves hello_protocol of publisher, "
                + "teardown returned every byte");

        Path file = env.directory("cli-system").resolve("compose.yaml");
        Files.writeString(file, talksCompose(env.host() + "/" + WEB + ":1.0"));
        Path output = file.resolveSibling("system.json");
        CommandResult cli = HuruhuruJar.command("preview", "--plain-http", "--system", file.toString(), "--output",
                output.toString()).run();
        assertEquals(0, cli.exitCode(), cli::describe);
        assertSystemBooted(Files.readAllBytes(output));
        System.out.println("[e2e] huruhuru preview --system compose.yaml --plain-http -> exit 0 ("
                + cli.stdout().strip() + ")");
    }

    @Test
    @Order(5)
    void requireBootRefusesAHeapTooLargeForTheBoardAndAcceptsTheGoodImage() throws IOException {
        Path policy = env.directory("gated").resolve("policy.yaml");
        Files.writeString(policy, "rules:\n  - repositories: [\"kos/**\"]\n    requireBoot: " + BOARD + "\n");
        Map<String, String> labels = BuildContext.koskitLabels("hello");
        labels.put(BuildContext.SPEC_PREFIX + "heap_pages", HEAP_TOO_LARGE);
        buildNative("big", labels);
        String big = env.buildah.push("localhost/talk-big:1", env.host() + "/kos/big:1.0");
        env.docker().docker("pull", env.host() + "/kos/big@" + big).runOk();

        try (RegistryProcess gated = RegistryProcess.start(RegistryKind.HURUHURU, env.directory("gated-registry"),
                List.of("--policy", policy.toString()))) {
            CommandResult buildahPush = env.buildah.buildah("push", "--tls-verify=false", "localhost/talk-big:1",
                    "docker://" + gated.host() + "/kos/big:1.0").run();
            assertRefusedNamingTheStep(buildahPush);
            System.out.println("[e2e] buildah push of heap_pages=" + HEAP_TOO_LARGE + " under requireBoot refused: "
                    + lastLine(buildahPush.stderr()));

            String dockerName = gated.host() + "/kos/big-docker:1.0";
            env.docker().docker("tag", env.host() + "/kos/big@" + big, dockerName).runOk();
            CommandResult dockerPush = env.docker().docker("push", dockerName).run();
            assertRefusedNamingTheStep(dockerPush);
            System.out.println("[e2e] docker push of the same image refused: " + lastLine(dockerPush.stderr()));

            String good = env.buildah.push("localhost/talk-hello:1", gated.host() + "/" + HELLO + ":1.0");
            String goodByDocker = gated.host() + "/" + HELLO_BY_DOCKER + ":1.0";
            env.docker().docker("tag", env.host() + "/" + HELLO_BY_DOCKER + ":1.0", goodByDocker).runOk();
            env.docker().docker("push", goodByDocker).runOk();
            System.out.println("[e2e] the talk's hello image under requireBoot: accepted from buildah (" + good
                    + ") and docker");
        }
    }

    @Test
    @Order(8)
    void memoryPictureServedByTheRegistryRendersInHeadlessChromium() throws IOException {
        HttpResponse<byte[]> created = previews.preview(HELLO + ":1.0", BOARD);
        String location = created.headers().firstValue("Location").orElseThrow();

        HttpResponse<byte[]> svg = previews.get(location + "/memory.svg");

        assertEquals(200, svg.statusCode(), () -> "GET " + location + "/memory.svg: " + new String(svg.body()));
        assertTrue(svg.headers().firstValue("Content-Type").orElse("").startsWith("image/svg+xml"));
        assertPictureShows("memory.svg", svg.body());
    }

    @Test
    @Order(6)
    void memoryPictureOfTheReportServedOverHttpRendersInHeadlessChromium() throws IOException {
        byte[] report = previews.preview(HELLO + ":1.0", BOARD).body();
        byte[] boot = Jq.string(report, ".boot | tojson").getBytes(StandardCharsets.UTF_8);

        String svg = MemoryPicture.svg(boot);

        assertTrue(svg.contains("heap") && svg.contains("IPC buffer"), "the address space as on the talk's slide");
        assertPictureShows("the picture module's drawing of the HTTP report", svg.getBytes(StandardCharsets.UTF_8));
    }

    @Test
    @Order(7)
    void systemPictureOfTheComposeReportServedOverHttpRendersInHeadlessChromium() throws IOException {
        byte[] report = previews.system(talksCompose(env.host() + "/" + WEB + ":1.0"), BOARD).body();
        byte[] boot = Jq.string(report, ".boot | tojson").getBytes(StandardCharsets.UTF_8);

        String svg = SystemPicture.svg(boot);

        for (String box : List.of("publisher", "consumer", "Poukai.msg0", "hello_protocol")) {
            assertTrue(svg.contains(box), () -> "the system picture names " + box);
        }
        assertPictureShows("the picture module's drawing of the system report", svg.getBytes(StandardCharsets.UTF_8));
    }

    @Test
    @Order(9)
    void systemPictureServedByTheRegistryRendersInHeadlessChromium() throws IOException {
        HttpResponse<byte[]> created = previews.system(talksCompose(WEB + ":1.0"), BOARD);
        String location = created.headers().firstValue("Location").orElseThrow();

        HttpResponse<byte[]> svg = previews.get(location + "/memory.svg");

        assertEquals(200, svg.statusCode(), () -> "GET " + location + "/memory.svg: " + new String(svg.body()));
        assertTrue(svg.headers().firstValue("Content-Type").orElse("").startsWith("image/svg+xml"));
        String text = new String(svg.body(), StandardCharsets.UTF_8);
        assertTrue(text.contains("Poukai.msg0") && text.contains("publisher") && text.contains("consumer"), text);
        assertPictureShows("GET " + "/sel4/v1/systems/<id>/memory.svg", svg.body());
    }

    @Test
    @Order(10)
    void bootLogsServedAsTextShowTheAppTheMessageServerAndTheMemory() {
        String image = previews.preview(HELLO + ":1.0", BOARD).headers().firstValue("Location").orElseThrow();
        String system = previews.system(talksCompose(WEB + ":1.0"), BOARD).headers().firstValue("Location")
                .orElseThrow();

        HttpResponse<byte[]> imageLog = previews.get(image + "?format=text");
        HttpResponse<byte[]> systemLog = previews.get(system + "?format=text");

        for (HttpResponse<byte[]> log : List.of(imageLog, systemLog)) {
            assertEquals(200, log.statusCode(), () -> log.uri() + ": " + new String(log.body()));
            assertTrue(log.headers().firstValue("Content-Type").orElse("").startsWith("text/plain"));
        }
        String imageText = new String(imageLog.body(), StandardCharsets.UTF_8);
        String systemText = new String(systemLog.body(), StandardCharsets.UTF_8);
        assertTrue(imageText.contains("hello") && imageText.contains("heap"), imageText);
        assertTrue(systemText.contains("Poukai.msg0") && systemText.contains("hello_protocol"), systemText);
        System.out.println("[e2e] ?format=text: the image's boot log " + imageText.lines().count()
                + " lines, the system's " + systemText.lines().count() + " lines; first line: "
                + imageText.lines().findFirst().orElse(""));
    }

    /** Renders the SVG in headless chromium and checks the PNG shows a picture of several colours, not a blank. */
    private void assertPictureShows(String what, byte[] svg) throws IOException {
        Path directory = Files.createTempDirectory(env.directory("pictures"), "picture");
        Path file = Files.write(directory.resolve("memory.svg"), svg);
        HeadlessChromium.Rendering png = HeadlessChromium.render(file, directory.resolve("memory.png"));
        assertTrue(png.colours() >= 4, () -> "a picture of several colours: " + png);
        assertTrue(png.nonWhiteShare() >= 0.05, () -> "a picture, not a blank page: " + png);
        System.out.printf("[e2e] %s (%d bytes of SVG) rendered by headless chromium: %dx%d PNG of %d bytes, %d"
                        + " colours, %.1f%% of pixels not white%n", what, svg.length, png.width(), png.height(),
                png.bytes(), png.colours(), 100 * png.nonWhiteShare());
    }

    /**
     * The talk's compose example with the pushed images: a publisher and a consumer that depends on it, on one
     * network served by the message server Poukai.msg0. The publisher's image is named with this registry's
     * address; the consumer's is {@code consumerImage}.
     */
    private String talksCompose(String consumerImage) {
        return """
                services:
                  consumer:
                    image: %3$s
                    command: ["/app/main.py", "--subscribe", "hello_protocol"]
                    depends_on: [publisher]
                    networks:
                      back-tier:
                  publisher:
                    image: %1$s/%2$s:1.0
                    environment:
                      ROLE: publisher
                    networks:
                      back-tier:
                networks:
                  back-tier:
                    x-msg-server: "Poukai.msg0"
                """.formatted(env.host(), HELLO_BY_DOCKER, consumerImage);
    }


    /**
     * The preview runs a native application's code on the model (its AArch64 interpreter): the console of the run
     * ({@code boot.run.console}) must show what the image gave the app: CMD's words, ENV's HELLO and /foo.txt.
     */
    private static String consoleOfTheRun(byte[] report) {
        List<String> console = Jq.lines(report, ".boot.run.console");
        assertFalse(console.isEmpty() || console.equals(List.of("null")), "the report has no console of a run");
        String text = String.join("\n", console);
        assertTrue(text.contains("hello_world test"), () -> "console: " + text);
        assertTrue(text.contains("HELLO=WORLD"), () -> "console: " + text);
        assertTrue(text.contains(TalkImages.FOO_TEXT.strip()), () -> "console: " + text);
        return "the app ran on the model; console: " + text.strip().replace("\n", " | ");
    }

    private void assertSystemBooted(byte[] report) {
        assertEquals("booted", Jq.string(report, ".result"), () -> new String(report));
        assertEquals(List.of("publisher", "consumer"), Jq.lines(report, ".boot.system.bootOrder[]"));
        assertEquals("Poukai.msg0", Jq.string(report, ".boot.system.messageServers[0].name"));
        assertEquals("publisher", Jq.string(report,
                ".boot.system.messageServers[0].protocols[] | select(.protocol == \"hello_protocol\") | .publisher"));
        assertEquals("true", Jq.string(report, ".boot.system.teardown.returnedAllMemory"));
    }

    private static void assertRefusedNamingTheStep(CommandResult push) {
        assertFalse(push.succeeded(), () -> "the push was accepted: " + push.describe());
        String said = push.stderr().toLowerCase();
        assertTrue(said.contains("manifest invalid") && said.contains("requireboot") && said.contains(BOARD)
                && said.contains("step"), push::describe);
    }

    private void buildNative(String name, Map<String, String> labels) {
        Path context = TalkImages.nativeContext(env.directory("talk-" + name), hello, labels);
        env.buildah.buildah("bud", "--quiet", "--layers", "--format", "oci", "--os", "linux", "--arch", "arm64",
                "-t", "localhost/talk-" + name + ":1", "-f", context.resolve("Containerfile").toString(),
                context.toString()).runOk();
    }

    private void buildMicroVm() {
        Path context = TalkImages.microVmContext(env.directory("talk-web"), hello);
        env.buildah.buildah("bud", "--quiet", "--layers", "--format", "oci", "--os", "linux", "--arch", "arm64",
                "-t", "localhost/talk-web:1", "-f", context.resolve("Containerfile").toString(),
                context.toString()).runOk();
    }

    /** Pulls what buildah pushed into the private Docker daemon and pushes it with docker to another repository. */
    private void dockerRepush(String from, String to) {
        String source = env.host() + "/" + from + ":1.0";
        String target = env.host() + "/" + to + ":1.0";
        env.docker().docker("pull", source).runOk();
        env.docker().docker("tag", source, target).runOk();
        String pushed = env.docker().docker("push", target).runOk().stdout();
        System.out.println("[e2e] docker push " + target + ": " + lastLine(pushed));
    }

    private static String lastLine(String text) {
        String[] lines = text.strip().split("\n");
        return lines[lines.length - 1];
    }
}
