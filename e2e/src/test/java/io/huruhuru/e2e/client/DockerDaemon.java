package io.huruhuru.e2e.client;

import io.huruhuru.e2e.process.Command;
import io.huruhuru.e2e.process.CommandResult;
import io.huruhuru.e2e.process.Processes;
import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * A private Docker daemon (Debian's docker.io) with every path under one directory, and the docker client talking
 * to it; 127.0.0.0/8 counts as an insecure registry by default, so no daemon setting is needed for loopback.
 */
public final class DockerDaemon implements AutoCloseable {

    /** Unix socket paths longer than this do not fit {@code sockaddr_un} on Linux. */
    private static final int MAX_SOCKET_PATH = 100;
    private static final Duration READY_TIMEOUT = Duration.ofSeconds(60);

    private final Path directory;
    private final Path socket;
    private final Path log;
    private final String client;
    private final Process daemon;

    private DockerDaemon(Path directory, Path socket, String client, Process daemon) {
        this.directory = directory;
        this.socket = socket;
        this.log = directory.resolve("dockerd.log");
        this.client = client;
        this.daemon = daemon;
    }

    /** Starts dockerd with vfs storage and no networking setup, then waits until the client reaches it. */
    public static DockerDaemon start(Path directory) {
        Path socket = directory.resolve("s");
        if (socket.toString().length() > MAX_SOCKET_PATH) {
            throw new IllegalStateException("socket path too long for a unix socket: " + socket);
        }
        Files2.createDirectories(directory);
        Process process = Command.of("dockerd", "--storage-driver", "vfs", "--iptables=false", "--ip-masq=false",
                        "--bridge=none", "--data-root", directory.resolve("d").toString(),
                        "--exec-root", directory.resolve("x").toString(),
                        "--pidfile", directory.resolve("pid").toString(), "-H", "unix://" + socket)
                .start(directory.resolve("dockerd.log"));
        DockerDaemon daemon = new DockerDaemon(directory, socket, clientBesideDaemon(), process);
        daemon.awaitReady();
        return daemon;
    }

    /** The docker client command, bound to this daemon, with the legacy builder and a private config. */
    public Command docker(String... arguments) {
        List<String> line = new ArrayList<>();
        line.add(client);
        line.addAll(List.of(arguments));
        return Command.of(line)
                .env("DOCKER_HOST", "unix://" + socket)
                .env("DOCKER_BUILDKIT", "0")
                .env("DOCKER_CONFIG", directory.resolve("config").toString());
    }

    @Override
    public void close() {
        Processes.terminate(daemon, Duration.ofSeconds(30));
    }

    private void awaitReady() {
        Instant deadline = Instant.now().plus(READY_TIMEOUT);
        CommandResult last = null;
        while (Instant.now().isBefore(deadline)) {
            if (!daemon.isAlive()) {
                throw new AssertionError("dockerd exited with " + daemon.exitValue() + "; log:\n"
                        + Processes.tail(log, 40));
            }
            if (Files.exists(socket)) {
                last = docker("version", "--format", "{{.Server.Version}}").timeout(Duration.ofSeconds(10)).run();
                if (last.succeeded()) {
                    return;
                }
            }
            try {
                Thread.sleep(200);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
        }
        close();
        throw new AssertionError("dockerd not ready within " + READY_TIMEOUT + "; last client attempt:\n"
                + (last == null ? "(socket never appeared)" : last.describe()) + "\nlog:\n" + Processes.tail(log, 40));
    }

    /**
     * The client installed next to dockerd, so that client and daemon come from the same package even where another
     * docker client shadows it earlier on the PATH.
     */
    private static String clientBesideDaemon() {
        for (String entry : System.getenv().getOrDefault("PATH", "").split(File.pathSeparator)) {
            Path daemon = Path.of(entry, "dockerd");
            Path client = Path.of(entry, "docker");
            if (Files.isExecutable(daemon) && Files.isExecutable(client)) {
                return client.toString();
            }
        }
        return "docker";
    }
}
