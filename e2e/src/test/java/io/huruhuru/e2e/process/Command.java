package io.huruhuru.e2e.process;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/** One invocation of a real client program, with its environment, working directory and time limit. */
public final class Command {

    private static final Duration DEFAULT_TIMEOUT = Duration.ofMinutes(3);

    private final List<String> arguments;
    private final Map<String, String> environment = new HashMap<>();
    private Path directory;
    private Duration timeout = DEFAULT_TIMEOUT;

    private Command(List<String> arguments) {
        this.arguments = List.copyOf(arguments);
    }

    public static Command of(String... arguments) {
        return new Command(List.of(arguments));
    }

    public static Command of(List<String> arguments) {
        return new Command(arguments);
    }

    public Command env(String name, String value) {
        environment.put(name, value);
        return this;
    }

    public Command env(Map<String, String> values) {
        environment.putAll(values);
        return this;
    }

    public Command in(Path workingDirectory) {
        this.directory = workingDirectory;
        return this;
    }

    public Command timeout(Duration limit) {
        this.timeout = limit;
        return this;
    }

    /** Runs the command and returns its result whatever the exit code. */
    public CommandResult run() {
        Path out = null;
        Path err = null;
        try {
            // Files rather than pipes: a client that prints a lot can never block on a full pipe.
            out = Files.createTempFile("e2e-cmd", ".out");
            err = Files.createTempFile("e2e-cmd", ".err");
            ProcessBuilder builder = new ProcessBuilder(arguments)
                    .redirectInput(ProcessBuilder.Redirect.from(nullDevice()))
                    .redirectOutput(out.toFile())
                    .redirectError(err.toFile());
            builder.environment().putAll(environment);
            if (directory != null) {
                builder.directory(directory.toFile());
            }
            Process process = builder.start();
            if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
                process.descendants().forEach(ProcessHandle::destroyForcibly);
                process.destroyForcibly().waitFor();
                String stderr = Files.readString(err, StandardCharsets.UTF_8) + "\n[timed out after " + timeout + "]";
                return new CommandResult(arguments, -1, Files.readString(out, StandardCharsets.UTF_8), stderr);
            }
            return new CommandResult(arguments, process.exitValue(),
                    Files.readString(out, StandardCharsets.UTF_8), Files.readString(err, StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot run " + arguments, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while running " + arguments, e);
        } finally {
            deleteQuietly(out);
            deleteQuietly(err);
        }
    }

    /** Runs the command and fails the test, with everything the client printed, unless it exits 0. */
    public CommandResult runOk() {
        CommandResult result = run();
        if (!result.succeeded()) {
            throw new AssertionError("client command failed\n" + result.describe());
        }
        return result;
    }

    /** Starts the command as a long-running process whose output goes to the given log file. */
    public Process start(Path log) {
        ProcessBuilder builder = new ProcessBuilder(new ArrayList<>(arguments))
                .redirectInput(ProcessBuilder.Redirect.from(nullDevice()))
                .redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()));
        builder.environment().putAll(environment);
        if (directory != null) {
            builder.directory(directory.toFile());
        }
        try {
            return builder.start();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start " + arguments, e);
        }
    }

    private static java.io.File nullDevice() {
        return new java.io.File("/dev/null");
    }

    private static void deleteQuietly(Path file) {
        if (file == null) {
            return;
        }
        try {
            Files.deleteIfExists(file);
        } catch (IOException ignored) {
            // A leftover temp file must not hide the command's own outcome.
        }
    }
}
