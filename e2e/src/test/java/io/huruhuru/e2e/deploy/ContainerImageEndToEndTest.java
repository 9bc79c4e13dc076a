package io.huruhuru.e2e.deploy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.huruhuru.e2e.client.Podman;
import io.huruhuru.e2e.client.Skopeo;
import io.huruhuru.e2e.process.Command;
import io.huruhuru.e2e.process.CommandResult;
import io.huruhuru.e2e.process.Processes;
import io.huruhuru.e2e.registry.RegistryKind;
import io.huruhuru.e2e.registry.RegistryProcess;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.stream.StreamSupport;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * {@code container/build.sh} builds the image and pushes it into the Huruhuru under test; podman pulls it from
 * there and runs it, its port published on a free loopback port only, and the registry inside answers.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ContainerImageEndToEndTest {

    private static final String CONTAINER = "hh-image-e2e";
    private static final String LOCAL_TAG = "localhost/huruhuru:e2e";
    private static final Duration READY_TIMEOUT = Duration.ofSeconds(120);

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
    private final ObjectMapper json = new ObjectMapper();
    private Path work;
    private RegistryProcess registry;
    private Podman podman;
    private Skopeo skopeo;
    private String pushed;
    private int containerPort;

    @BeforeAll
    void buildPushAndRun() throws IOException {
        Assumptions.assumeTrue(RegistryKind.fromSystemProperties() == RegistryKind.HURUHURU,
                "the image is Huruhuru's own, pushed into and pulled from Huruhuru");
        work = Files.createTempDirectory("hh-image");
        registry = RegistryProcess.start(RegistryKind.HURUHURU, work.resolve("registry"));
        pushed = registry.host() + "/huruhuru/huruhuru:e2e";
        Path tmp = Files.createDirectories(work.resolve("tmp"));
        CommandResult build = Command.of("bash", SourceTree.containerBuild().toString(),
                        "--jar", SourceTree.jar().toString(), "--tag", LOCAL_TAG,
                        "--root", work.resolve("buildah/root").toString(),
                        "--runroot", work.resolve("buildah/run").toString(), "--push", "docker://" + pushed)
                .env("TMPDIR", tmp.toString()).timeout(Duration.ofMinutes(10)).runOk();
        System.out.println("[e2e] " + build.stdout().strip().replace("\n", "; "));
        podman = new Podman(work.resolve("podman"));
        skopeo = new Skopeo(work.resolve("skopeo"));
        containerPort = freeLoopbackPort();
        // runc and explicit limits: rootful podman's defaults for open files and processes exceed what a
        // container-in-CI may set; the systemd timer of the health check is turned off (`healthcheck run` below).
        podman.podman("run", "-d", "--name", CONTAINER, "--runtime", "runc", "--tls-verify=false",
                "-p", "127.0.0.1:" + containerPort + ":5000", "--ulimit", "nofile=1024:1024",
                "--ulimit", "nproc=4096:4096", "--health-interval", "disable", pushed).runOk();
    }

    @AfterAll
    void stop() {
        try {
            if (podman != null) {
                CommandResult logs = podman.podman("logs", CONTAINER).run();
                System.out.println("[e2e] container log:\n" + logs.stdout() + logs.stderr());
                podman.podman("rm", "-f", "-t", "5", CONTAINER).run();
            }
        } finally {
            if (registry != null) {
                registry.close();
            }
            if (work != null) {
                Processes.deleteRecursively(work);
            }
        }
    }

    @Test
    void theContainerPulledFromTheRegistryAnswersReadyz() {
        assertEquals(200, awaitReady());
    }

    @Test
    void theContainerRunsAsTheImagesNonRootUser() {
        awaitReady();

        String top = podman.podman("top", CONTAINER, "huser", "user").runOk().stdout();

        String[] process = top.strip().split("\n")[1].trim().split("\\s+");
        assertEquals("65532", process[0], top);
        assertEquals("huruhuru", process[1], top);
    }

    @Test
    void theImagesHealthCheckPassesInTheRunningContainer() {
        awaitReady();

        CommandResult check = podman.podman("healthcheck", "run", CONTAINER).run();

        assertEquals(0, check.exitCode(), check.describe());
    }

    @Test
    void theContainerStoresAPushInItsDataVolume() {
        awaitReady();

        skopeo.copy("docker://" + pushed, "docker://127.0.0.1:" + containerPort + "/copied:1");

        assertEquals(200, get("/v2/copied/manifests/1"));
    }

    @Test
    void theImageDeclaresItsUserVolumePortHealthCheckAndLabels() throws IOException {
        JsonNode config = json.readTree(skopeo.inspect(pushed, "--config", "--raw")).path("config");
        JsonNode manifest = json.readTree(skopeo.inspectRaw(pushed));

        assertEquals("65532:65532", config.path("User").asText());
        assertTrue(config.path("ExposedPorts").has("5000/tcp"), config.toString());
        assertTrue(config.path("Volumes").has("/var/lib/huruhuru"), config.toString());
        assertTrue(config.path("Healthcheck").path("Test").toString().contains("/readyz"), config.toString());
        JsonNode labels = config.path("Labels");
        for (String label : new String[] {"title", "version", "revision", "created", "source", "description"}) {
            assertTrue(labels.hasNonNull("org.opencontainers.image." + label), label + " in " + labels);
        }
        long compressed = StreamSupport.stream(manifest.path("layers").spliterator(), false)
                .mapToLong(layer -> layer.path("size").asLong()).sum();
        String unpacked = Command.of("buildah", "--storage-driver", "vfs", "--root",
                work.resolve("buildah/root").toString(), "--runroot", work.resolve("buildah/run").toString(),
                "images", "--format", "{{.Size}}", LOCAL_TAG).runOk().stdout().strip();
        System.out.printf("[e2e] image %s: %d layer(s), %.1f MB compressed, %s unpacked%n", pushed,
                manifest.path("layers").size(), compressed / 1e6, unpacked);
        assertEquals("application/vnd.docker.distribution.manifest.v2+json", manifest.path("mediaType").asText());
    }

    /** Waits until {@code /readyz} answers 200 or the time is up; returns the last status (0: no answer). */
    private int awaitReady() {
        Instant deadline = Instant.now().plus(READY_TIMEOUT);
        int status = 0;
        while (Instant.now().isBefore(deadline)) {
            status = get("/readyz");
            if (status == 200) {
                return status;
            }
            sleep();
        }
        return status;
    }

    private int get(String path) {
        try {
            HttpRequest request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + containerPort + path))
                    .timeout(Duration.ofSeconds(5)).GET().build();
            return http.send(request, HttpResponse.BodyHandlers.discarding()).statusCode();
        } catch (IOException e) {
            return 0;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private static void sleep() {
        try {
            Thread.sleep(500);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private static int freeLoopbackPort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        }
    }
}
