package io.huruhuru.validation.layout;

import io.huruhuru.validation.ImageSourceException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;

/** The files of a layout directory; paths come from the layout's own names and parsed digests only. */
final class DirectoryFiles implements LayoutFiles {

    private final Path root;

    DirectoryFiles(Path root) {
        this.root = root;
    }

    @Override
    public byte[] read(String path, int maxBytes) throws ImageSourceException {
        Path file = root.resolve(path);
        try {
            long size = Files.size(file);
            if (size > maxBytes) {
                throw new ImageSourceException(path + " in " + where() + " is larger than " + maxBytes + " bytes");
            }
            return Files.readAllBytes(file);
        } catch (NoSuchFileException e) {
            throw new ImageSourceException(path + " is missing from " + where(), e);
        } catch (ImageSourceException e) {
            throw e;
        } catch (IOException e) {
            throw new ImageSourceException("cannot read " + path + " in " + where() + ": " + e.getMessage(), e);
        }
    }

    @Override
    public InputStream open(String path) throws ImageSourceException {
        try {
            return Files.newInputStream(root.resolve(path));
        } catch (NoSuchFileException e) {
            throw new ImageSourceException(path + " is missing from " + where(), e);
        } catch (IOException e) {
            throw new ImageSourceException("cannot read " + path + " in " + where() + ": " + e.getMessage(), e);
        }
    }

    @Override
    public String where() {
        return root.toString();
    }
}
