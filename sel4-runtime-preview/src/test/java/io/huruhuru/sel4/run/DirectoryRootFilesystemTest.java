package io.huruhuru.sel4.run;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeFalse;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A host directory as a root filesystem: deterministic times, and directories the host cannot list (finding 9, 11). */
class DirectoryRootFilesystemTest {

    @TempDir
    Path root;

    @Test
    void everyEntryHasTheGivenTimeWhateverTheHostSays() throws Exception {
        Files.writeString(root.resolve("f"), "x");
        Files.setLastModifiedTime(root.resolve("f"), FileTime.fromMillis(42_000));
        RootFilesystem fs = new DirectoryRootFilesystem(root, 1_000_000);
        assertEquals(1_000_000, assertInstanceOf(RootFilesystem.Entry.File.class,
                fs.entry(List.of("f")).orElseThrow()).mtimeSeconds());
        assertEquals(DirectoryRootFilesystem.DEFAULT_MTIME_SECONDS, assertInstanceOf(RootFilesystem.Entry.File.class,
                new DirectoryRootFilesystem(root).entry(List.of("f")).orElseThrow()).mtimeSeconds());
    }

    @Test
    void aDirectoryTheHostCannotListStillExistsAndSoDoesWhatIsUnderIt() throws Exception {
        // given a directory with search but no read permission (root ignores the bits, so this needs a user)
        assumeFalse("root".equals(System.getProperty("user.name")), "root may list any directory");
        Path closed = Files.createDirectory(root.resolve("closed"));
        Files.writeString(closed.resolve("inside"), "x");
        Files.setPosixFilePermissions(closed, PosixFilePermissions.fromString("-wx------"));
        try {
            RootFilesystem fs = new DirectoryRootFilesystem(root);
            // then it is a directory with no names listed, and the file under it is found by its path
            var d = assertInstanceOf(RootFilesystem.Entry.Directory.class, fs.entry(List.of("closed")).orElseThrow());
            assertTrue(d.names().isEmpty(), d.names().toString());
            assertTrue(fs.entry(List.of("closed", "inside")).isPresent());
        } finally {
            Files.setPosixFilePermissions(closed, PosixFilePermissions.fromString("rwx------"));
        }
    }
}
