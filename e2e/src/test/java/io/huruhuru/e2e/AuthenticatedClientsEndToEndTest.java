package io.huruhuru.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.huruhuru.e2e.client.Buildah;
import io.huruhuru.e2e.client.Containerd;
import io.huruhuru.e2e.client.DockerDaemon;
import io.huruhuru.e2e.client.Podman;
import io.huruhuru.e2e.client.Skopeo;
import io.huruhuru.e2e.image.BuildContext;
import io.huruhuru.e2e.image.StaticBinary;
import io.huruhuru.e2e.process.CommandResult;
import io.huruhuru.e2e.process.Processes;
import io.huruhuru.e2e.registry.SecuredRegistry;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.Locale;
import org.bouncycastle.crypto.generators.OpenBSDBCrypt;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * Real clients against token authentication over TLS (plain port off): buildah, podman, skopeo, docker and ctr log
 * in, push and pull as the README's "Users, rules and TLS" sets the registry up; a reader's push fails with the
 * clients' usual message, and an anonymous pull works only where a rule allows it. The tests run in order: the first
 * pushes what the others pull.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class AuthenticatedClientsEndToEndTest {

    private static final String RULES = """
            rules:
              - repositories: ["team/**"]
                users: [writer]
                actions: [pull, push, delete]
              - repositories: ["team/**"]
                users: [reader]
                actions: [pull]
              - repositories: ["public/**"]
                users: [writer]
                actions: [pull, push]
                anonymousPull: true
            """;
    private static final String WRITER = "writer:writer-password";
    private static final String READER = "reader:reader-password";

    private Path scratch;
    private SecuredRegistry registry;
    private Path certs;
    private Buildah buildah;
    private Podman podman;
    private Skopeo skopeo;
    private String digest;

    @BeforeAll
    void start() throws IOException {
        scratch = Files.createTempDirectory("hh-auth");
        registry = SecuredRegistry.start(scratch.resolve("registry"), htpasswd("writer", "reader"), RULES);
        certs = registry.certDirectory();
        buildah = new Buildah(scratch.resolve("buildah"));
        podman = new Podman(scratch.resolve("podman"));
        skopeo = new Skopeo(scratch.resolve("skopeo"));
        System.out.println("[e2e] secured registry at https://" + registry.host() + ", log " + registry.log());
    }

    @AfterAll
    void stop() {
        if (registry != null) {
            registry.close();
        }
        if (!Boolean.getBoolean("e2e.keep")) {
            Processes.deleteRecursively(scratch);
        }
    }

    @Test
    @Order(1)
    void buildahPushesWithCredentials() {
        Path binary = StaticBinary.forAmd64(scratch.resolve("bin"));
        buildah.build(BuildContext.create(directory("ctx"), binary, "hello", "Containerfile"), "localhost/auth:1",
                "amd64");
        Path digestFile = scratch.resolve("buildah.digest");

        buildah.buildah("push", "--cert-dir", certs.toString(), "--creds", WRITER, "--digestfile",
                digestFile.toString(), "localhost/auth:1", "docker://" + registry.host() + "/team/app:1").runOk();
        buildah.buildah("push", "--cert-dir", certs.toString(), "--creds", WRITER, "localhost/auth:1",
                "docker://" + registry.host() + "/public/app:1").runOk();

        digest = read(digestFile).strip();
        assertEquals(digest, inspectDigest("team/app:1", "--creds", READER));
    }

    @Test
    @Order(2)
    void aReadersPushFailsWithTheClientsUsualMessage() {
        CommandResult push = buildah.buildah("push", "--cert-dir", certs.toString(), "--creds", READER,
                "localhost/auth:1", "docker://" + registry.host() + "/team/app:by-reader").run();

        assertFalse(push.succeeded(), push.describe());
        assertTrue(push.stderr().contains("requested access to the resource is denied"), push.describe());
    }

    @Test
    @Order(3)
    void podmanLogsInThenPullsAndPushes() {
        String authfile = scratch.resolve("podman-auth.json").toString();
        String[] user = WRITER.split(":");
        podman.podman("login", "--authfile", authfile, "--cert-dir", certs.toString(), "-u", user[0], "-p", user[1],
                registry.host()).runOk();

        podman.podman("pull", "--authfile", authfile, "--cert-dir", certs.toString(),
                registry.host() + "/team/app:1").runOk();
        podman.podman("tag", registry.host() + "/team/app:1", registry.host() + "/team/podman:1").runOk();
        podman.podman("push", "--authfile", authfile, "--cert-dir", certs.toString(),
                registry.host() + "/team/podman:1").runOk();

        assertEquals(digest, podman.inspect(registry.host() + "/team/app:1", "{{.Digest}}"));
        assertTrue(inspectDigest("team/podman:1", "--creds", READER).startsWith("sha256:"));
    }

    @Test
    @Order(4)
    void skopeoCopiesWithSourceAndDestinationCredentials() {
        skopeo.command("copy", "--src-cert-dir", certs.toString(), "--dest-cert-dir", certs.toString(),
                "--src-creds", READER, "--dest-creds", WRITER, "docker://" + registry.host() + "/team/app:1",
                "docker://" + registry.host() + "/team/copy:1").runOk();

        assertEquals(digest, inspectDigest("team/copy:1", "--creds", READER));
    }

    @Test
    @Order(5)
    void anAnonymousPullWorksOnlyWhereARuleAllowsIt() {
        assertEquals(digest, inspectDigest("public/app:1", "--no-creds"));

        CommandResult refused = skopeo.command("inspect", "--cert-dir", certs.toString(), "--no-creds",
                "docker://" + registry.host() + "/team/app:1").run();

        assertFalse(refused.succeeded(), refused.describe());
        assertTrue(refused.stderr().toLowerCase(Locale.ROOT).contains("authentication required")
                || refused.stderr().toLowerCase(Locale.ROOT).contains("unauthorized"), refused.describe());
    }

    @Test
    @Order(6)
    void dockerLogsInThenPullsAndPushes() throws IOException {
        // the daemon (not the client) verifies the registry: as root it reads /etc/docker/certs.d/<host:port>/
        Path trust = Path.of("/etc/docker/certs.d", registry.host());
        Files.createDirectories(trust);
        Files.copy(registry.caCertificate(), trust.resolve("ca.crt"),
                java.nio.file.StandardCopyOption.REPLACE_EXISTING);
        try (DockerDaemon docker = DockerDaemon.start(scratch.resolve("dk"))) {
            String[] user = WRITER.split(":");
            docker.docker("login", "-u", user[0], "-p", user[1], registry.host()).runOk();

            docker.docker("pull", registry.host() + "/team/app:1").runOk();
            docker.docker("tag", registry.host() + "/team/app:1", registry.host() + "/team/docker:1").runOk();
            docker.docker("push", registry.host() + "/team/docker:1").runOk();

            assertTrue(docker.docker("image", "inspect", "--format", "{{json .RepoDigests}}",
                    registry.host() + "/team/app:1").runOk().stdout().contains(digest));
            assertTrue(inspectDigest("team/docker:1", "--creds", READER).startsWith("sha256:"));
        } finally {
            Processes.deleteRecursively(trust);
        }
    }

    @Test
    @Order(7)
    void ctrPullsWithUser() {
        // containerd speaks plain HTTP to a loopback registry unless a hosts.toml says https (and which CA)
        Path hosts = directory("ctr-hosts/" + registry.host());
        write(hosts.resolve("hosts.toml"), """
                server = "https://%1$s"
                [host."https://%1$s"]
                  capabilities = ["pull", "resolve"]
                  ca = "%2$s"
                """.formatted(registry.host(), registry.caCertificate()));
        try (Containerd containerd = Containerd.start(scratch.resolve("ctrd"))) {
            containerd.ctr("images", "pull", "--snapshotter", "native", "--user", READER, "--hosts-dir",
                    scratch.resolve("ctr-hosts").toString(), registry.host() + "/team/app:1").runOk();

            String listed = containerd.ctr("images", "list").runOk().stdout();
            assertTrue(listed.contains(digest), listed);
        }
    }

    private String inspectDigest(String reference, String... credentials) {
        java.util.List<String> line = new java.util.ArrayList<>(java.util.List.of("inspect", "--cert-dir",
                certs.toString(), "--format", "{{.Digest}}"));
        line.addAll(java.util.List.of(credentials));
        line.add("docker://" + registry.host() + "/" + reference);
        return skopeo.command(line.toArray(String[]::new)).runOk().stdout().strip();
    }

    private Path directory(String name) {
        try {
            return Files.createDirectories(scratch.resolve(name));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void write(Path file, String text) {
        try {
            Files.writeString(file, text);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String read(Path file) {
        try {
            return Files.readString(file);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String htpasswd(String... users) {
        StringBuilder lines = new StringBuilder();
        SecureRandom random = new SecureRandom();
        for (String user : users) {
            byte[] salt = new byte[16];
            random.nextBytes(salt);
            lines.append(user).append(':').append(OpenBSDBCrypt.generate("2y", (user + "-password").toCharArray(),
                    salt, 10)).append('\n');
        }
        return lines.toString();
    }
}
