package io.huruhuru.server.gc;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.huruhuru.oci.Digest;
import io.huruhuru.oci.RepositoryName;
import io.huruhuru.server.RunningRegistry;
import io.huruhuru.server.cli.Huruhuru;
import io.huruhuru.storage.rocksdb.RocksRegistryStore;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** {@code huruhuru gc} on a stopped registry's data directory, and its exit codes. */
class GcCommandTest {

    @RegisterExtension
    final RunningRegistry registry = new RunningRegistry().unsigned().withGc(Duration.ZERO, null);

    @TempDir
    Path dir;

    private record Run(int exitCode, String out, String err) {
    }

    private Run gc(String... arguments) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        CommandLine command = new CommandLine(new Huruhuru()).setOut(new PrintWriter(out)).setErr(new PrintWriter(err));
        String[] line = new String[arguments.length + 1];
        line[0] = "gc";
        System.arraycopy(arguments, 0, line, 1, arguments.length);
        int exit = command.execute(line);
        return new Run(exit, out.toString(), err.toString());
    }

    private Path config(String yaml) throws Exception {
        return Files.writeString(dir.resolve("huruhuru.yaml"), yaml);
    }

    private boolean stored(String repository, String digest) {
        try (RocksRegistryStore store = RocksRegistryStore.open(registry.dataDirectory())) {
            return store.blobs().stat(RepositoryName.parse(repository), Digest.parse(digest)).isPresent();
        }
    }

    @Test
    void aDryRunListsWhatWouldGoAndTheRunDeletesIt() throws Exception {
        PushedImage image = PushedImage.push(registry, "app", 1, 2000, "1.0");
        image.delete(registry);
        registry.stop();
        Path config = config("gc:\n  graceSeconds: 0\n");

        Run dry = gc("--data", registry.dataDirectory().toString(), "--dry-run", "--config", config.toString());
        System.out.println("huruhuru gc --dry-run:\n" + dry.out());

        assertEquals(0, dry.exitCode(), dry.err());
        assertTrue(dry.out().contains("would delete blob " + image.blobs().get(1)), dry.out());
        assertTrue(stored("app", image.blobs().get(1)));

        Run real = gc("--data", registry.dataDirectory().toString(), "--config", config.toString());

        assertEquals(0, real.exitCode(), real.err());
        assertTrue(real.out().contains("deleted blob " + image.blobs().get(1)), real.out());
        assertTrue(!stored("app", image.blobs().get(1)));
    }

    @Test
    void theDefaultGraceKeepsABlobDeletedJustNow() throws Exception {
        PushedImage image = PushedImage.push(registry, "app", 2, 2000, "1.0");
        image.delete(registry);
        registry.stop();

        Run run = gc("--data", registry.dataDirectory().toString());

        assertEquals(0, run.exitCode(), run.err());
        assertTrue(stored("app", image.blobs().get(1)));
    }

    @Test
    void aDataDirectoryThatARegistryHoldsIsExitCodeThree() {
        Run run = gc("--data", registry.dataDirectory().toString(), "--dry-run");

        assertEquals(3, run.exitCode(), run.out());
        assertTrue(run.err().contains("is a registry running on it?"), run.err());
    }

    @Test
    void aMissingDataDirectoryIsExitCodeThree() {
        assertEquals(3, gc("--data", dir.resolve("nothing").toString()).exitCode());
    }

    @Test
    void anInvalidRetentionFileIsExitCodeTwo() throws Exception {
        Path policy = Files.writeString(dir.resolve("gc.yaml"), "rules:\n  - repositories: \"**\"\n    kepLast: 1\n");
        Path config = config("gc:\n  policy: " + policy + "\n");

        Run run = gc("--data", registry.dataDirectory().toString(), "--config", config.toString());

        assertEquals(2, run.exitCode());
        assertTrue(run.err().contains("rules[0].kepLast"), run.err());
    }
}
