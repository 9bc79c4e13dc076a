package io.huruhuru.e2e.process;

import java.io.IOException;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** Stopping long-running child processes and cleaning up after them. */
public final class Processes {

    private Processes() {
    }

    /**
     * Sends SIGTERM and waits; only if the process overstays its grace period are it and its children killed.
     *
     * @return the exit code, or empty when the process had to be killed
     */
    public static java.util.OptionalInt terminate(Process process, Duration grace) {
        if (!process.isAlive()) {
            return java.util.OptionalInt.of(process.exitValue());
        }
        List<ProcessHandle> children = process.descendants().toList();
        process.destroy();
        try {
            if (process.waitFor(grace.toMillis(), TimeUnit.MILLISECONDS)) {
                return java.util.OptionalInt.of(process.exitValue());
            }
            children.forEach(ProcessHandle::destroyForcibly);
            process.descendants().forEach(ProcessHandle::destroyForcibly);
            process.destroyForcibly().waitFor();
            return java.util.OptionalInt.empty();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while stopping a process", e);
        }
    }

    /** Last lines of a log file, for failure messages. */
    public static String tail(Path log, int lines) {
        try {
            if (!Files.exists(log)) {
                return "(no log at " + log + ")";
            }
            List<String> all = Files.readAllLines(log, java.nio.charset.StandardCharsets.UTF_8);
            return String.join("\n", all.subList(Math.max(0, all.size() - lines), all.size()));
        } catch (IOException | java.io.UncheckedIOException e) {
            return "(cannot read " + log + ": " + e + ")";
        }
    }

    /**
     * Removes a directory tree as far as it can, and says what it could not remove instead of failing: cleanup must
     * never turn a green run red. Container storage leaves read-only directories, hence the chmod on the way down.
     */
    public static void deleteRecursively(Path root) {
        if (root == null || !Files.exists(root)) {
            return;
        }
        List<String> leftovers = new java.util.ArrayList<>();
        try {
            Files.walkFileTree(root, new SimpleFileVisitor<>() {
                @Override
                public FileVisitResult preVisitDirectory(Path dir, BasicFileAttributes attrs) {
                    dir.toFile().setWritable(true, true);
                    return FileVisitResult.CONTINUE;
                }

                @Override
                public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) {
                    deleteOrNote(file, leftovers);
                    return FileVisitResult.CONTINUE;
                }

                @Override
                public FileVisitResult visitFileFailed(Path file, IOException e) {
                    leftovers.add(file + ": " + e);
                    return FileVisitResult.CONTINUE;
                }

                @Override
                public FileVisitResult postVisitDirectory(Path dir, IOException e) {
                    deleteOrNote(dir, leftovers);
                    return FileVisitResult.CONTINUE;
                }
            });
        } catch (IOException e) {
            leftovers.add(root + ": " + e);
        }
        if (!leftovers.isEmpty()) {
            System.err.println("[e2e] could not remove " + leftovers.size() + " paths, first: " + leftovers.get(0));
        }
    }

    private static void deleteOrNote(Path path, List<String> leftovers) {
        try {
            Files.deleteIfExists(path);
        } catch (IOException e) {
            leftovers.add(path + ": " + e);
        }
    }
}
