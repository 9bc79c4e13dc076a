package io.huruhuru.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.huruhuru.e2e.client.Umoci;
import io.huruhuru.e2e.image.BuildContext;
import io.huruhuru.e2e.image.Digests;
import io.huruhuru.e2e.image.Jq;
import io.huruhuru.e2e.process.Command;
import io.huruhuru.e2e.registry.MediaTypes;
import java.io.IOException;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Pushes, pulls, copies, lists and deletes images with real clients (buildah, podman, skopeo, docker, umoci) against
 * one registry process, restarting it half-way; every step compares digests.
 *
 * <p>The tests run in order and build on each other: the images pushed first are the ones the restart must keep and
 * the last tests delete.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class RealClientsEndToEndTest {

    private static final String HELLO = "e2e/hello";
    private static final String DOCKER_HELLO = "e2e/docker-hello";
    private static final String UMOCI = "e2e/umoci";
    private static final String MULTI = "e2e/multi-platform";
    private static final String MOUNTED = "e2e/mounted";

    private E2eEnvironment env;
    private RegistryAssertions served;
    /** Every image pushed so far, by {@code repository:tag}; the restart must keep all of them. */
    private final Map<String, PushedImage> pushed = new LinkedHashMap<>();
    private Path helloCopiedBeforeRestart;

    @RegisterExtension
    final RegistryLogOnFailure registryLogOnFailure = new RegistryLogOnFailure(() -> env);

    @BeforeAll
    void startRegistryAndClients() {
        env = E2eEnvironment.start();
        served = new RegistryAssertions(env.http);
    }

    @AfterAll
    void stopEverything() {
        if (env != null) {
            env.close();
        }
    }

    @Test
    @Order(0)
    void tlsHandshakeOnThePlainHttpPortIsRefusedAtOnce() {
        // --tls-verify=false clients try TLS first and fall back to HTTP only once the handshake fails
        long started = System.nanoTime();

        Throwable failure = assertThrows(IOException.class, () -> PlainPortProbe.tlsHandshake(env.host()));

        long millis = (System.nanoTime() - started) / 1_000_000;
        assertFalse(failure instanceof SocketTimeoutException,
                () -> "the TLS handshake was left hanging for " + millis + " ms");
        assertTrue(millis < PlainPortProbe.TIMEOUT_MILLIS, () -> "the TLS handshake took " + millis + " ms to fail");
    }

    @Test
    @Order(1)
    void buildahPushesAnImageWhoseManifestConfigAndLayersAreServedByDigest() {
        // given a FROM scratch image with a static binary, ENV, ENTRYPOINT, CMD and the koskit label
        BuildContext context = containerfile("ctx-amd64", env.amd64Binary);
        env.buildah.build(context, "localhost/e2e-hello:1", "amd64");

        // when buildah pushes it
        String digest = env.buildah.push("localhost/e2e-hello:1", env.host() + "/" + HELLO + ":1");

        // then the registry serves exactly that manifest, and its config and layers by digest
        byte[] manifest = served.manifest(HELLO, "1", digest, MediaTypes.OCI_MANIFEST);
        byte[] config = served.config(HELLO, manifest);
        assertEquals("hello", Jq.string(config, ".config.Labels[\"" + BuildContext.APP_LABEL + "\"]"));
        assertEquals("[\"/hello\"]", Jq.string(config, ".config.Entrypoint | tojson"));
        assertEquals("[\"--verbose\"]", Jq.string(config, ".config.Cmd | tojson"));
        assertTrue(Jq.lines(config, ".config.Env[]").contains("GREETING=huruhuru"));
        assertEquals(1, served.imageTree(HELLO, digest, MediaTypes.OCI_MANIFEST) - 1, "one layer besides the config");
        remember(new PushedImage(HELLO, "1", digest, MediaTypes.OCI_MANIFEST));
    }

    @Test
    @Order(2)
    void podmanPullsTheBuildahImageWithTheSameManifestConfigAndLayers() {
        PushedImage hello = pushed(HELLO + ":1");

        env.podman.pull(hello.on(env.host()));

        byte[] manifest = served.manifest(HELLO, hello.digest(), hello.digest(), hello.mediaType());
        byte[] config = served.config(HELLO, manifest);
        assertEquals(hello.digest(), env.podman.inspect(hello.on(env.host()), "{{.Digest}}"));
        assertEquals(Digests.hex(Jq.string(manifest, ".config.digest")),
                env.podman.inspect(hello.on(env.host()), "{{.Id}}"));
        assertEquals(Jq.string(config, ".rootfs.diff_ids | tojson"),
                env.podman.inspect(hello.on(env.host()), "{{json .RootFS.Layers}}"));
    }

    @Test
    @Order(3)
    void skopeoInspectsAndCopiesTheBuildahImageWithTheSameDigests() throws IOException {
        PushedImage hello = pushed(HELLO + ":1");
        byte[] manifest = served.manifest(HELLO, "1", hello.digest(), hello.mediaType());

        String summary = env.skopeo.inspect(hello.on(env.host()));
        String raw = env.skopeo.inspectRaw(hello.on(env.host()));
        Path copy = env.directory("hello-dir-before-restart");
        env.skopeo.copy("docker://" + hello.on(env.host()), "dir:" + copy);

        assertEquals(hello.digest(), Jq.string(summary, ".Digest"));
        assertEquals(Jq.lines(manifest, ".layers[].digest"), Jq.lines(summary, ".Layers[]"));
        assertEquals("hello", Jq.string(summary, ".Labels[\"" + BuildContext.APP_LABEL + "\"]"));
        assertEquals(hello.digest(), Digests.sha256(raw.getBytes(StandardCharsets.UTF_8)));
        assertEquals(hello.digest(), Digests.sha256(copy.resolve("manifest.json")));
        for (String digest : Jq.lines(manifest, "(.config, .layers[]) | .digest")) {
            assertEquals(digest, Digests.sha256(copy.resolve(Digests.hex(digest))), "blob file copied by skopeo");
        }
        Path unpacked = env.directory("hello-layer");
        Command.of("tar", "-xzf", copy.resolve(Digests.hex(Jq.string(manifest, ".layers[0].digest"))).toString(),
                "-C", unpacked.toString()).runOk();
        assertEquals(-1L, Files.mismatch(env.amd64Binary, unpacked.resolve("hello")), "the binary inside the layer");
        helloCopiedBeforeRestart = copy;
    }

    @Test
    @Order(4)
    void dockerPullsTheBuildahImageWithTheSameManifestAndConfig() {
        PushedImage hello = pushed(HELLO + ":1");
        byte[] manifest = served.manifest(HELLO, "1", hello.digest(), hello.mediaType());

        String output = env.docker().docker("pull", hello.on(env.host())).runOk().stdout();

        assertTrue(output.contains("Digest: " + hello.digest()), () -> "docker pull printed\n" + output);
        assertEquals(Jq.string(manifest, ".config.digest"),
                env.docker().docker("image", "inspect", "--format", "{{.Id}}", hello.on(env.host())).runOk()
                        .stdout().strip());
        assertEquals("[\"" + hello.byDigestOn(env.host()) + "\"]",
                env.docker().docker("image", "inspect", "--format", "{{json .RepoDigests}}", hello.on(env.host()))
                        .runOk().stdout().strip());
    }

    @Test
    @Order(5)
    void dockerPushStoresADockerSchema2ManifestThatSkopeoReadsBack() {
        // given an image built by the legacy docker builder
        BuildContext context = BuildContext.create(env.directory("ctx-docker"), env.amd64Binary, "docker-hello",
                "Dockerfile");
        String image = env.host() + "/" + DOCKER_HELLO + ":1";
        env.docker().docker("build", "--quiet", "-t", image, context.directory().toString()).runOk();
        String imageId = env.docker().docker("image", "inspect", "--format", "{{.Id}}", image).runOk().stdout().strip();

        // when docker pushes it
        String output = env.docker().docker("push", image).runOk().stdout();
        String digest = digestPrintedByDockerPush(output);

        // then a Docker schema 2 manifest is stored and served, and skopeo and a fresh docker pull agree on it
        byte[] manifest = served.manifest(DOCKER_HELLO, "1", digest, MediaTypes.DOCKER_MANIFEST);
        assertEquals(imageId, Jq.string(manifest, ".config.digest"));
        served.imageTree(DOCKER_HELLO, digest, MediaTypes.DOCKER_MANIFEST);
        assertEquals(digest, Jq.string(env.skopeo.inspect(image), ".Digest"));
        assertEquals(digest, Digests.sha256(env.skopeo.inspectRaw(image).getBytes(StandardCharsets.UTF_8)));
        env.docker().docker("image", "rm", image).runOk();
        String pulled = env.docker().docker("pull", env.host() + "/" + DOCKER_HELLO + "@" + digest).runOk().stdout();
        assertTrue(pulled.contains(digest), () -> "docker pull by digest printed\n" + pulled);
        remember(new PushedImage(DOCKER_HELLO, "1", digest, MediaTypes.DOCKER_MANIFEST));
    }

    @Test
    @Order(6)
    void skopeoCopiesAnUmociLayoutIntoTheRegistryAndBackUnchanged() throws IOException {
        // given an OCI layout made by umoci with one added file
        Path work = env.directory("umoci");
        Path greeting = Files.writeString(work.resolve("greeting.txt"), "hello from umoci\n");
        Path layout = work.resolve("layout");
        Umoci.createImage(layout, "base", greeting, "/etc/greeting.txt");
        String digest = Jq.string(Files.readString(layout.resolve("index.json")), ".manifests[0].digest");

        // when skopeo copies it to the registry and from there into a second layout
        env.skopeo.copy("oci:" + layout + ":base", "docker://" + env.host() + "/" + UMOCI + ":1");
        Path back = work.resolve("back");
        env.skopeo.copy("docker://" + env.host() + "/" + UMOCI + ":1", "oci:" + back + ":back");

        // then both hops keep the manifest digest and every blob byte for byte
        served.manifest(UMOCI, "1", digest, MediaTypes.OCI_MANIFEST);
        served.imageTree(UMOCI, digest, MediaTypes.OCI_MANIFEST);
        assertEquals(digest, Jq.string(Files.readString(back.resolve("index.json")), ".manifests[0].digest"));
        try (Stream<Path> blobs = Files.list(back.resolve("blobs/sha256"))) {
            for (Path blob : blobs.toList()) {
                Path original = layout.resolve("blobs/sha256").resolve(blob.getFileName());
                assertEquals(-1L, Files.mismatch(original, blob), "blob " + blob.getFileName() + " after the trip");
            }
        }
        Path rootfs = Umoci.unpack(back, "back", work.resolve("bundle"));
        assertEquals("hello from umoci\n", Files.readString(rootfs.resolve("etc/greeting.txt")));
        remember(new PushedImage(UMOCI, "1", digest, MediaTypes.OCI_MANIFEST));
    }

    @Test
    @Order(7)
    void buildahPushesATwoPlatformIndexWhoseChildrenAreServedByDigest() {
        // given a local manifest list with an amd64 and an arm64 image
        String list = "localhost/e2e-multi:1";
        env.buildah.createList(list);
        env.buildah.buildIntoList(containerfile("ctx-multi-amd64", env.amd64Binary),
                "localhost/e2e-multi-amd64:1", "amd64", list);
        env.buildah.buildIntoList(containerfile("ctx-multi-arm64", env.arm64Binary),
                "localhost/e2e-multi-arm64:1", "arm64", list);

        // when buildah pushes the list with all its images
        String digest = env.buildah.pushList(list, env.host() + "/" + MULTI + ":1");

        // then the index is served as an OCI index and each child by digest, with the architecture it claims
        byte[] index = served.manifest(MULTI, "1", digest, MediaTypes.OCI_INDEX);
        List<String> children = Jq.lines(index,
                ".manifests[] | \"\\(.digest) \\(.mediaType) \\(.platform.architecture)\"");
        assertEquals(Set.of("amd64", "arm64"), children.stream().map(c -> c.split(" ")[2]).collect(Collectors.toSet()));
        for (String child : children) {
            String[] parts = child.split(" ");
            byte[] manifest = served.manifest(MULTI, parts[0], parts[0], parts[1]);
            byte[] config = served.config(MULTI, manifest);
            assertEquals(parts[2], Jq.string(config, ".architecture"), "architecture in the config of " + parts[0]);
        }
        assertEquals(4, served.imageTree(MULTI, digest, MediaTypes.OCI_INDEX), "two configs and two layers");
        String arm64 = children.stream().filter(c -> c.endsWith(" arm64")).findFirst().orElseThrow().split(" ")[0];
        String arm64Summary = env.skopeo.inspect(env.host() + "/" + MULTI + ":1", "--override-arch", "arm64");
        assertEquals("arm64", Jq.string(arm64Summary, ".Architecture"), "platform skopeo picks from the index");
        assertEquals(Jq.lines(served.manifest(MULTI, arm64, arm64, MediaTypes.OCI_MANIFEST), ".layers[].digest"),
                Jq.lines(arm64Summary, ".Layers[]"), "layers of the arm64 image skopeo picks from the index");
        String amd64 = children.stream().filter(c -> c.endsWith(" amd64")).findFirst().orElseThrow().split(" ")[0];
        String amd64Config = Jq.string(served.manifest(MULTI, amd64, amd64, MediaTypes.OCI_MANIFEST), ".config.digest");
        String pulled = env.docker().docker("pull", env.host() + "/" + MULTI + ":1").runOk().stdout();
        assertTrue(pulled.contains("Digest: " + digest), () -> "docker pull of the index printed\n" + pulled);
        assertEquals(amd64Config, env.docker().docker("image", "inspect", "--format", "{{.Id}}",
                env.host() + "/" + MULTI + ":1").runOk().stdout().strip(), "docker picks the amd64 image");
        String arm64Config = Jq.string(served.manifest(MULTI, arm64, arm64, MediaTypes.OCI_MANIFEST), ".config.digest");
        env.podman.podman("pull", "--tls-verify=false", "--arch", "arm64", env.host() + "/" + MULTI + ":1").runOk();
        assertEquals(Digests.hex(arm64Config), env.podman.inspect(env.host() + "/" + MULTI + ":1", "{{.Id}}"),
                "podman picks the arm64 image");
        remember(new PushedImage(MULTI, "1", digest, MediaTypes.OCI_INDEX));
    }

    @Test
    @Order(8)
    void blobsAreMountedIntoAnotherRepositoryAndSkopeoCopiesThereWithoutChange() {
        PushedImage hello = pushed(HELLO + ":1");
        byte[] manifest = served.manifest(HELLO, "1", hello.digest(), hello.mediaType());
        String layer = Jq.string(manifest, ".layers[0].digest");
        long size = Long.parseLong(Jq.string(manifest, ".layers[0].size"));

        // when the layer is mounted from e2e/hello, and skopeo then copies the whole image next to it
        var mount = env.http.post("/v2/" + MOUNTED + "/blobs/uploads/?mount=" + layer + "&from=" + HELLO);
        env.skopeo.copy("docker://" + hello.on(env.host()), "docker://" + env.host() + "/" + MOUNTED + ":1");

        // then the mount was answered 201 with the blob's digest and the copy kept every digest
        assertEquals(201, mount.statusCode(), () -> RegistryAssertions.describe(mount));
        assertEquals(layer, RegistryAssertions.header(mount, "Docker-Content-Digest"));
        assertTrue(RegistryAssertions.header(mount, "Location").endsWith("/v2/" + MOUNTED + "/blobs/" + layer),
                () -> "Location of the mounted blob: " + RegistryAssertions.header(mount, "Location"));
        served.blob(MOUNTED, layer, size);
        served.manifest(MOUNTED, "1", hello.digest(), hello.mediaType());
        served.imageTree(MOUNTED, hello.digest(), hello.mediaType());
        remember(new PushedImage(MOUNTED, "1", hello.digest(), hello.mediaType()));
    }

    @Test
    @Order(9)
    void restartOnTheSameDataKeepsEveryManifestAndBlob() throws IOException {
        assertFalse(pushed.isEmpty(), "the tests before the restart pushed nothing to keep");

        env.registry.restart();

        for (PushedImage image : pushed.values()) {
            served.manifest(image.repository(), image.tag(), image.digest(), image.mediaType());
            served.imageTree(image.repository(), image.digest(), image.mediaType());
            assertEquals(image.digest(), Digests.sha256(env.skopeo.inspectRaw(image.on(env.host()))
                    .getBytes(StandardCharsets.UTF_8)), "manifest bytes skopeo reads after the restart");
        }
        assertTrue(helloCopiedBeforeRestart != null, "the skopeo dir: copy made before the restart is missing");
        Path after = env.directory("hello-dir-after-restart");
        env.skopeo.copy("docker://" + pushed(HELLO + ":1").on(env.host()), "dir:" + after);
        try (Stream<Path> before = Files.list(helloCopiedBeforeRestart); Stream<Path> now = Files.list(after)) {
            List<Path> beforeFiles = before.toList();
            assertEquals(beforeFiles.size(), now.count(), "files in the skopeo dir: copy after the restart");
            for (Path file : beforeFiles) {
                assertEquals(-1L, Files.mismatch(file, after.resolve(file.getFileName())),
                        "file " + file.getFileName() + " of the skopeo dir: copy before and after the restart");
            }
        }
    }

    @Test
    @Order(10)
    void tagsAreListedBySkopeoAndByHttp() {
        PushedImage hello = pushed(HELLO + ":1");
        for (String tag : List.of("release", "candidate")) {
            env.skopeo.copy("docker://" + hello.on(env.host()), "docker://" + env.host() + "/" + HELLO + ":" + tag);
            served.manifest(HELLO, tag, hello.digest(), hello.mediaType());
        }
        List<String> expected = new ArrayList<>(List.of("1", "candidate", "release"));
        if (env.registry.kind().signsPushes()) {
            // the registry's signature of the koskit image, and the attestation of its validation report
            String companion = hello.digest().replace(':', '-');
            expected.addAll(List.of(companion + ".att", companion + ".sig"));
        }

        List<String> bySkopeo = Jq.lines(env.skopeo.listTags(env.host() + "/" + HELLO), ".Tags[]");
        var response = env.http.get("/v2/" + HELLO + "/tags/list");

        assertEquals(200, response.statusCode(), () -> RegistryAssertions.describe(response));
        assertEquals(HELLO, Jq.string(response.body(), ".name"));
        List<String> byHttp = Jq.lines(response.body(), ".tags[]");
        assertEquals(Set.copyOf(expected), Set.copyOf(bySkopeo));
        assertEquals(Set.copyOf(expected), Set.copyOf(byHttp));
        var catalog = env.http.get("/v2/_catalog");
        assertEquals(200, catalog.statusCode(), () -> RegistryAssertions.describe(catalog));
        assertTrue(Jq.lines(catalog.body(), ".repositories[]").containsAll(List.of(HELLO, MULTI, MOUNTED)),
                () -> "catalog: " + RegistryAssertions.describe(catalog));
        if (env.registry.kind().ordersAndPagesTags()) {
            assertEquals(expected, byHttp, "tags in lexical order");
            assertEquals(expected, TagPages.collect(env.http, HELLO, 1), "tags read one page at a time via Link");
        }
    }

    @Test
    @Order(11)
    void deletingATagByHttpLeavesTheManifestAndOtherTags() {
        PushedImage hello = pushed(HELLO + ":1");

        var response = env.http.delete("/v2/" + HELLO + "/manifests/candidate");

        if (!env.registry.kind().deletesTags()) {
            // Distribution 2.8 parses the reference as a digest only; the tag must at least survive the refusal.
            assertEquals(400, response.statusCode(), () -> RegistryAssertions.describe(response));
            served.manifest(HELLO, "candidate", hello.digest(), hello.mediaType());
            return;
        }
        assertEquals(202, response.statusCode(), () -> RegistryAssertions.describe(response));
        served.manifestUnknown(HELLO, "candidate");
        served.manifest(HELLO, hello.digest(), hello.digest(), hello.mediaType());
        served.manifest(HELLO, "release", hello.digest(), hello.mediaType());
        assertFalse(Jq.lines(env.skopeo.listTags(env.host() + "/" + HELLO), ".Tags[]").contains("candidate"));
    }

    @Test
    @Order(12)
    void skopeoDeleteRemovesTheManifestAndItsTag() {
        PushedImage image = pushed(DOCKER_HELLO + ":1");

        env.skopeo.delete(image.on(env.host()));

        served.manifestUnknown(DOCKER_HELLO, "1");
        served.manifestUnknown(DOCKER_HELLO, image.digest());
        var inspect = env.skopeo.attemptInspect(image.on(env.host()));
        assertFalse(inspect.succeeded(), () -> "skopeo still finds the deleted image\n" + inspect.describe());
        pushed.remove(DOCKER_HELLO + ":1");
    }

    @Test
    @Order(13)
    void httpDeleteByDigestRemovesTheManifestAndItsTag() {
        PushedImage image = pushed(UMOCI + ":1");

        var response = env.http.delete("/v2/" + UMOCI + "/manifests/" + image.digest());

        assertEquals(202, response.statusCode(), () -> RegistryAssertions.describe(response));
        served.manifestUnknown(UMOCI, image.digest());
        served.manifestUnknown(UMOCI, "1");
        pushed.remove(UMOCI + ":1");
        // what was not deleted is untouched
        PushedImage multi = pushed(MULTI + ":1");
        served.imageTree(MULTI, multi.digest(), multi.mediaType());
    }

    private BuildContext containerfile(String directory, Path binary) {
        return BuildContext.create(env.directory(directory), binary, "hello", "Containerfile");
    }

    private void remember(PushedImage image) {
        pushed.put(image.repository() + ":" + image.tag(), image);
    }

    private PushedImage pushed(String key) {
        PushedImage image = pushed.get(key);
        if (image == null) {
            throw new AssertionError(key + " was not pushed by an earlier test, which must have failed; pushed: "
                    + new ArrayList<>(pushed.keySet()));
        }
        return image;
    }

    private static String digestPrintedByDockerPush(String output) {
        // docker push ends with "<tag>: digest: sha256:<hex> size: <n>"
        for (String line : output.split("\n")) {
            int at = line.indexOf("digest: ");
            if (at >= 0) {
                return line.substring(at + "digest: ".length()).split(" ")[0];
            }
        }
        throw new AssertionError("docker push printed no digest:\n" + output);
    }
}
