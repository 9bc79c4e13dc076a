package io.huruhuru.server.cli;

import static io.huruhuru.validation.fixture.ImageArchives.Named.ref;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.huruhuru.server.RunningRegistry;
import io.huruhuru.validation.fixture.ImageArchives;
import io.huruhuru.validation.fixture.TestImage;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** {@code huruhuru validate} on an image pushed to the real registry gives the verdict and report of its layout. */
class ValidateAgainstRegistryTest {

    @RegisterExtension
    final RunningRegistry registry = new RunningRegistry();

    @TempDir
    Path dir;

    private record Run(int exit, String out, String err) {
    }

    private static Run run(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        CommandLine command = new CommandLine(new Huruhuru());
        command.setOut(new PrintWriter(out));
        command.setErr(new PrintWriter(err));
        int exit = command.execute(args);
        return new Run(exit, out.toString(), err.toString());
    }

    private void push(String repository, String tag, TestImage image) {
        image.source().blobs().values().forEach(blob -> registry.pushBlob(repository, blob));
        HttpResponse<byte[]> put = registry.putManifest(repository, tag, image.manifestMediaType(),
                image.manifestBytes());
        assertEquals(201, put.statusCode(), () -> RunningRegistry.text(put));
    }

    private Path policy() throws Exception {
        return Files.writeString(dir.resolve("policy.yaml"), "platforms:\n  odroid-c4: {architecture: arm64}\n"
                + "rules:\n  - repositories: [\"kos/**\"]\n    platform: odroid-c4\n    limits: {priority: 100}\n");
    }

    @Test
    void pushedImageGivesTheSameVerdictAndReportAsItsLayout() throws Exception {
        TestImage image = TestImage.hello();
        push("kos/hello", "1.0", image);
        Path layout = ImageArchives.layout(Files.createDirectory(dir.resolve("layout")),
                List.of(ref(image, "kos/hello:1.0")));
        String policy = policy().toString();

        Run remote = run("validate", "--plain-http", "--format", "json", "--policy", policy,
                "127.0.0.1:" + registry.port() + "/kos/hello:1.0");
        Run local = run("validate", "--format", "json", "--policy", policy, layout.toString());

        assertEquals(1, remote.exit(), remote.err());
        assertEquals(1, local.exit(), local.err());
        assertEquals(local.out(), remote.out());
    }

    @Test
    void passingImageExitsZeroThroughTheDockerTransport() {
        push("kos/hello", "1.0", TestImage.hello().docker());

        Run remote = run("validate", "--plain-http", "docker://127.0.0.1:" + registry.port() + "/kos/hello:1.0");

        assertEquals(0, remote.exit(), remote.err());
    }

    @Test
    void unknownTagExitsTwoNamingTheImage() {
        String image = "127.0.0.1:" + registry.port() + "/kos/hello:9.9";

        Run remote = run("validate", "--plain-http", image);

        assertEquals(2, remote.exit());
        assertEquals("huruhuru validate: " + image + ": manifest unknown to registry (404 MANIFEST_UNKNOWN)\n",
                remote.err());
    }
}
