package io.huruhuru.e2e.registry;

import io.huruhuru.e2e.process.Command;
import io.huruhuru.e2e.process.Processes;
import java.io.IOException;
import java.io.UncheckedIOException;
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
import java.util.List;
import java.util.OptionalInt;
import java.util.stream.Stream;

/**
 * A registry running as a separate process on a loopback port, over a data directory that outlives the process so
 * that it can be stopped and started again on the same data.
 */
public final class RegistryProcess implements AutoCloseable {

    private static final Duration READY_TIMEOUT = Duration.ofSeconds(60);
    private static final Duration STOP_GRACE = Duration.ofSeconds(30);

    private final RegistryKind kind;
    private final Path workDirectory;
    private final Path dataDirectory;
    private final Path log;
    private final int port;
    private final List<String> extraArguments;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
    private Process process;
    private OptionalInt lastExitCode = OptionalInt.empty();

    private RegistryProcess(RegistryKind kind, Path workDirectory, int port, List<String> extraArguments) {
        this.kind = kind;
        this.extraArguments = List.copyOf(extraArguments);
        this.workDirectory = workDirectory;
        this.dataDirectory = workDirectory.resolve("data");
        this.log = workDirectory.resolve("registry.log");
        this.port = port;
    }

    /** Starts a registry of the given kind on a free port with a fresh data directory under {@code workDirectory}. */
    public static RegistryProcess start(RegistryKind kind, Path workDirectory) {
        return start(kind, workDirectory, List.of());
    }

    /** Starts Huruhuru with more arguments after {@code serve --listen .. --data ..} (e.g. {@code --config FILE}). */
    public static RegistryProcess start(RegistryKind kind, Path workDirectory, List<String> extraArguments) {
        RegistryProcess registry = new RegistryProcess(kind, workDirectory, freeLoopbackPort(), extraArguments);
        registry.startProcess();
        return registry;
    }

    public Path dataDirectory() {
        return dataDirectory;
    }

    /** Kills the process with SIGKILL ({@code kill -9}): no shutdown hook runs, RocksDB is not closed. */
    public void kill() {
        if (process == null) {
            return;
        }
        process.destroyForcibly();
        try {
            process.waitFor();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
        process = null;
        lastExitCode = OptionalInt.empty();
        appendToLog("---- e2e: SIGKILL at " + Instant.now() + " ----");
    }

    /** Starts the process again on the same port and data directory after {@link #kill()} or {@link #stop()}. */
    public void startAgain() {
        if (process != null) {
            throw new IllegalStateException("the registry is running");
        }
        startProcess();
    }

    public RegistryKind kind() {
        return kind;
    }

    /** Host and port as clients write them in an image reference, e.g. {@code 127.0.0.1:41234}. */
    public String host() {
        return "127.0.0.1:" + port;
    }

    public URI uri(String path) {
        return URI.create("http://" + host() + path);
    }

    public Path log() {
        return log;
    }

    /** Exit code of the last stop, empty if it had to be killed or has not stopped yet. */
    public OptionalInt lastExitCode() {
        return lastExitCode;
    }

    public boolean isAlive() {
        return process != null && process.isAlive();
    }

    /** Stops the process with SIGTERM and starts it again on the same port and data directory. */
    public void restart() {
        stop();
        startProcess();
    }

    /**
     * Stops the process with SIGTERM; fails if it did not exit within the grace period, since the server promises a
     * bounded shutdown.
     */
    public void stop() {
        if (process == null) {
            return;
        }
        appendToLog("---- e2e: SIGTERM at " + Instant.now() + " ----");
        lastExitCode = Processes.terminate(process, STOP_GRACE);
        process = null;
        appendToLog("---- e2e: exit " + (lastExitCode.isPresent() ? lastExitCode.getAsInt() : "killed") + " ----");
        if (lastExitCode.isEmpty()) {
            throw new AssertionError(kind + " registry did not stop within " + STOP_GRACE + " of SIGTERM; log:\n"
                    + Processes.tail(log, 40));
        }
    }

    @Override
    public void close() {
        if (process != null) {
            lastExitCode = Processes.terminate(process, STOP_GRACE);
            process = null;
        }
    }

    private void startProcess() {
        try {
            Files.createDirectories(dataDirectory);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        appendToLog("---- e2e: starting " + kind + " at " + Instant.now() + " ----");
        process = Command.of(commandLine()).in(workDirectory).start(log);
        awaitReady();
    }

    private List<String> commandLine() {
        return switch (kind) {
            case HURUHURU -> Stream.concat(Stream.of(HuruhuruJar.javaExecutable(), "-jar",
                    HuruhuruJar.path().toString(), "serve", "--listen", host(), "--data", dataDirectory.toString()),
                    extraArguments.stream()).toList();
            case REFERENCE -> List.of("docker-registry", "serve", writeReferenceConfig().toString());
        };
    }

    /** Distribution 2.8 configuration: filesystem storage in our data directory, deletes on, quiet log. */
    private Path writeReferenceConfig() {
        String yaml = """
                version: 0.1
                log:
                  level: warn
                storage:
                  filesystem:
                    rootdirectory: %s
                  delete:
                    enabled: true
                  maintenance:
                    uploadpurging:
                      enabled: false
                http:
                  addr: %s
                """.formatted(dataDirectory, host());
        Path config = workDirectory.resolve("reference-config.yml");
        try {
            Files.writeString(config, yaml);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return config;
    }

    private void awaitReady() {
        Instant deadline = Instant.now().plus(READY_TIMEOUT);
        HttpRequest ping = HttpRequest.newBuilder(uri("/v2/")).timeout(Duration.ofSeconds(2)).GET().build();
        String lastProblem = "no answer yet";
        while (Instant.now().isBefore(deadline)) {
            if (!process.isAlive()) {
                throw new AssertionError(kind + " registry exited with " + process.exitValue()
                        + " before serving /v2/; log:\n" + Processes.tail(log, 60));
            }
            try {
                HttpResponse<Void> response = http.send(ping, HttpResponse.BodyHandlers.discarding());
                if (response.statusCode() == 200) {
                    return;
                }
                lastProblem = "GET /v2/ answered " + response.statusCode();
            } catch (IOException e) {
                lastProblem = e.toString();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
            sleep(Duration.ofMillis(200));
        }
        throw new AssertionError(kind + " registry not ready within " + READY_TIMEOUT + " (" + lastProblem
                + "); log:\n" + Processes.tail(log, 60));
    }

    private void appendToLog(String line) {
        try {
            Files.writeString(log, line + "\n", java.nio.file.StandardOpenOption.CREATE,
                    java.nio.file.StandardOpenOption.APPEND);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static int freeLoopbackPort() {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException("no free loopback port", e);
        }
    }

    private static void sleep(Duration duration) {
        try {
            Thread.sleep(duration.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
