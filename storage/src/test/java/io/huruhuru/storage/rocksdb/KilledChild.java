package io.huruhuru.storage.rocksdb;

import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Runs a class of the test classpath in a child JVM, waits for it to print {@code ready}, lets it work for a while
 * and kills it as {@code kill -9} would; returns the lines it printed. The crash tests' way to stop a store mid-write.
 */
final class KilledChild {

    private KilledChild() {
    }

    /**
     * @param temporary the child's temporary directory (RocksDB unpacks its native library there; a killed JVM does
     *     not delete it, so it goes with the test's directory)
     */
    static List<String> runAndKill(Class<?> main, List<String> arguments, Path temporary, long millisAfterReady)
            throws Exception {
        Path javaBin = Path.of(System.getProperty("java.home"), "bin", "java");
        List<String> command = new ArrayList<>(List.of(javaBin.toString(), "-Xmx256m",
                "-Djava.io.tmpdir=" + Files.createDirectories(temporary), "-cp", System.getProperty("java.class.path"),
                main.getName()));
        command.addAll(arguments);
        Process child = new ProcessBuilder(command).redirectError(ProcessBuilder.Redirect.DISCARD).start();
        List<String> lines = Collections.synchronizedList(new ArrayList<>());
        Thread reader = new Thread(() -> {
            try (BufferedReader in = new BufferedReader(
                    new InputStreamReader(child.getInputStream(), StandardCharsets.UTF_8))) {
                String line;
                while ((line = in.readLine()) != null) {
                    lines.add(line);
                }
            } catch (IOException e) {
                // the child died mid-line; the lines read so far stand
            }
        });
        reader.start();
        long deadline = System.currentTimeMillis() + 20_000;
        while (!lines.contains("ready") && System.currentTimeMillis() < deadline && child.isAlive()) {
            Thread.sleep(20);
        }
        if (!lines.contains("ready")) {
            child.destroyForcibly();
            fail("the child did not start: " + lines);
        }
        Thread.sleep(millisAfterReady);
        if (!child.isAlive()) {
            fail("the child died before it was killed, exit " + child.exitValue() + ": " + lines);
        }
        child.destroyForcibly();
        assertTrue(child.waitFor(20, TimeUnit.SECONDS));
        reader.join(20_000);
        synchronized (lines) {
            return new ArrayList<>(lines);
        }
    }
}
