package io.huruhuru.sel4.run.posix;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.huruhuru.sel4.run.DirectoryRootFilesystem;
import io.huruhuru.sel4.run.RootFilesystem;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Path resolution over a directory root never leaves the root, whatever the links inside say. */
class PathWalkTest {

    @TempDir
    Path outside;

    private RootFilesystem fs;

    @BeforeEach
    void image() throws Exception {
        Path root = Files.createDirectories(outside.resolve("root"));
        Files.writeString(outside.resolve("secret.txt"), "host secret");
        Files.writeString(root.resolve("foo.txt"), "image file");
        Files.createDirectories(root.resolve("etc"));
        Files.createSymbolicLink(root.resolve("absolute"), Path.of("/foo.txt"));
        Files.createSymbolicLink(root.resolve("escape"), Path.of("../secret.txt"));
        Files.createSymbolicLink(root.resolve("host"), outside.resolve("secret.txt"));
        Files.createSymbolicLink(root.resolve("etc/parent"), Path.of(".."));
        Files.createSymbolicLink(root.resolve("a"), Path.of("b"));
        Files.createSymbolicLink(root.resolve("b"), Path.of("a"));
        fs = new DirectoryRootFilesystem(root);
    }

    @Test
    void anAbsoluteLinkResolvesFromTheImagesRoot() {
        assertEquals(List.of("foo.txt"), PathWalk.resolve(fs, List.of(), "/absolute", true).path());
    }

    @Test
    void aLinkClimbingAboveTheRootStopsAtTheRoot() {
        // "../secret.txt" from the root is "/secret.txt" of the image, which does not exist.
        var e = assertThrows(SyscallFailure.class, () -> PathWalk.resolve(fs, List.of(), "/escape", true));
        assertEquals(Errno.ENOENT, e.errno);
    }

    @Test
    void aLinkToAHostPathIsLookedUpInsideTheImage() {
        var e = assertThrows(SyscallFailure.class, () -> PathWalk.resolve(fs, List.of(), "/host", true));
        assertEquals(Errno.ENOENT, e.errno);
    }

    @Test
    void dotDotThroughALinkedDirectoryStaysInside() {
        assertEquals(List.of("foo.txt"), PathWalk.resolve(fs, List.of(), "/etc/parent/../../foo.txt", true).path());
    }

    @Test
    void linksThatPointAtEachOtherAreEloop() {
        var e = assertThrows(SyscallFailure.class, () -> PathWalk.resolve(fs, List.of(), "/a", true));
        assertEquals(Errno.ELOOP, e.errno);
    }

    @Test
    void aFileInTheMiddleOfAPathIsEnotdir() {
        var e = assertThrows(SyscallFailure.class, () -> PathWalk.resolve(fs, List.of(), "/foo.txt/x", true));
        assertEquals(Errno.ENOTDIR, e.errno);
    }

    @Test
    void theLastLinkIsKeptWhenNotFollowed() {
        var found = PathWalk.resolve(fs, List.of(), "/absolute", false);
        assertEquals(new RootFilesystem.Entry.Symlink("/foo.txt"), found.entry());
    }
}
