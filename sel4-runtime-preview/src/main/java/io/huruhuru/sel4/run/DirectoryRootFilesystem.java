package io.huruhuru.sel4.run;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.SeekableByteChannel;
import java.nio.file.DirectoryIteratorException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFileAttributes;
import java.nio.file.attribute.PosixFilePermission;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * A directory on disk as an application's root filesystem. Nothing is followed: a link inside is reported
 * as a link, and the runtime resolves it within this root, so no path leaves the directory.
 */
public final class DirectoryRootFilesystem implements RootFilesystem {

    /** 2024-01-01T00:00:00Z, where the runtime's virtual clock starts: the time every entry has by default. */
    public static final long DEFAULT_MTIME_SECONDS = 1_704_067_200L;

    private final Path root;
    private final long mtimeSeconds;

    /** The directory with every entry's time {@link #DEFAULT_MTIME_SECONDS}, not the host's, so runs repeat. */
    public DirectoryRootFilesystem(Path root) {
        this(root, DEFAULT_MTIME_SECONDS);
    }

    /** The directory with every entry's time given, e.g. the image's creation time when it was unpacked there. */
    public DirectoryRootFilesystem(Path root, long mtimeSeconds) {
        if (!Files.isDirectory(root)) {
            throw new IllegalArgumentException(root + " is not a directory");
        }
        this.root = root.toAbsolutePath().normalize();
        this.mtimeSeconds = mtimeSeconds;
    }

    @Override
    public Optional<Entry> entry(List<String> path) {
        Path p = resolve(path);
        try {
            if (!Files.exists(p, LinkOption.NOFOLLOW_LINKS)) {
                return Optional.empty();
            }
            if (Files.isSymbolicLink(p)) {
                return Optional.of(new Entry.Symlink(Files.readSymbolicLink(p).toString()));
            }
            PosixFileAttributes a = Files.readAttributes(p, PosixFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
            int mode = mode(a.permissions());
            if (a.isDirectory()) {
                return Optional.of(new Entry.Directory(names(p), mode, mtimeSeconds));
            }
            if (a.isRegularFile()) {
                return Optional.of(new Entry.File(a.size(), mode, mtimeSeconds));
            }
            // Sockets, fifos and device nodes of the host are not part of an image.
            return Optional.empty();
        } catch (IOException e) {
            return Optional.empty();
        }
    }

    /**
     * The directory's names, sorted; none when the host will not list it (no read bit for this process): the
     * directory still exists, so stat of it and of paths under it keeps working.
     */
    private static List<String> names(Path directory) {
        List<String> names = new ArrayList<>();
        try (DirectoryStream<Path> s = Files.newDirectoryStream(directory)) {
            s.forEach(e -> names.add(e.getFileName().toString()));
        } catch (IOException | DirectoryIteratorException e) {
            // DirectoryIteratorException is unchecked: a failure part way through the listing must not escape.
            return List.of();
        }
        Collections.sort(names);
        return names;
    }

    @Override
    public int read(List<String> path, long offset, byte[] buffer, int at, int length) {
        try (SeekableByteChannel c = Files.newByteChannel(resolve(path), Set.of(StandardOpenOption.READ,
                LinkOption.NOFOLLOW_LINKS))) {
            if (offset >= c.size()) {
                return 0;
            }
            c.position(offset);
            ByteBuffer b = ByteBuffer.wrap(buffer, at, length);
            int total = 0;
            while (b.hasRemaining()) {
                int n = c.read(b);
                if (n < 0) {
                    break;
                }
                total += n;
            }
            return total;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private Path resolve(List<String> path) {
        Path p = root;
        for (String component : path) {
            if (component.isEmpty() || component.equals(".") || component.equals("..") || component.contains("/")) {
                throw new IllegalArgumentException("not a resolved path component: '" + component + "'");
            }
            p = p.resolve(component);
        }
        return p;
    }

    private static int mode(Set<PosixFilePermission> permissions) {
        int mode = 0;
        for (PosixFilePermission p : permissions) {
            mode |= 1 << (8 - p.ordinal());
        }
        return mode;
    }
}
