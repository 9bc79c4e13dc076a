package io.huruhuru.sel4.run;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.SeekableByteChannel;
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

    private final Path root;

    public DirectoryRootFilesystem(Path root) {
        if (!Files.isDirectory(root)) {
            throw new IllegalArgumentException(root + " is not a directory");
        }
        this.root = root.toAbsolutePath().normalize();
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
            long mtime = a.lastModifiedTime().toMillis() / 1000;
            if (a.isDirectory()) {
                List<String> names = new ArrayList<>();
                try (DirectoryStream<Path> s = Files.newDirectoryStream(p)) {
                    s.forEach(e -> names.add(e.getFileName().toString()));
                }
                Collections.sort(names);
                return Optional.of(new Entry.Directory(names, mode, mtime));
            }
            if (a.isRegularFile()) {
                return Optional.of(new Entry.File(a.size(), mode, mtime));
            }
            // Sockets, fifos and device nodes of the host are not part of an image.
            return Optional.empty();
        } catch (IOException e) {
            return Optional.empty();
        }
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
