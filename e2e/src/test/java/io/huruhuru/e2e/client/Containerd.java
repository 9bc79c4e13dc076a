package io.huruhuru.e2e.client;

import io.huruhuru.e2e.process.Command;
import io.huruhuru.e2e.process.Processes;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/** A private containerd (Debian's containerd) with every path under one directory, and {@code ctr} talking to it. */
public final class Containerd implements AutoCloseable {

    private final Path socket;
    private final Process daemon;

    private Containerd(Path socket, Process daemon) {
        this.socket = socket;
        this.daemon = daemon;
    }

    /** Starts containerd without its CRI plugin and waits until {@code ctr} reaches it. */
    public static Containerd start(Path directory) {
        Files2.createDirectories(directory);
        Path config = directory.resolve("config.toml");
        Files2.writeString(config, "version = 2\ndisabled_plugins = [\"io.containerd.grpc.v1.cri\"]\n");
        Path socket = directory.resolve("s");
        Path log = directory.resolve("containerd.log");
        Process process = Command.of("containerd", "--config", config.toString(), "--address", socket.toString(),
                "--root", directory.resolve("root").toString(), "--state", directory.resolve("state").toString())
                .start(log);
        Containerd containerd = new Containerd(socket, process);
        Instant deadline = Instant.now().plus(Duration.ofSeconds(30));
        while (Instant.now().isBefore(deadline)) {
            if (!process.isAlive()) {
                throw new AssertionError("containerd exited; log:\n" + Processes.tail(log, 40));
            }
            if (Files.exists(socket) && containerd.ctr("version").timeout(Duration.ofSeconds(10)).run().succeeded()) {
                return containerd;
            }
            try {
                Thread.sleep(200);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
        }
        throw new AssertionError("containerd not ready; log:\n" + Processes.tail(log, 40));
    }

    public Command ctr(String... arguments) {
        List<String> line = new ArrayList<>(List.of("ctr", "--address", socket.toString(), "--namespace", "e2e"));
        line.addAll(List.of(arguments));
        return Command.of(line);
    }

    @Override
    public void close() {
        Processes.terminate(daemon, Duration.ofSeconds(30));
    }
}
