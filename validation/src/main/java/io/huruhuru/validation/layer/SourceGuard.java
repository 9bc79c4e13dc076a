package io.huruhuru.validation.layer;

import io.huruhuru.validation.ImageSourceException;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;

/**
 * Marks I/O failures of the blob stream itself as {@link ImageSourceException}, so that they are told apart from
 * corrupt content (a bad gzip stream), which is a violation.
 */
final class SourceGuard extends FilterInputStream {

    private final String digest;

    SourceGuard(InputStream in, String digest) {
        super(in);
        this.digest = digest;
    }

    @Override
    public int read() throws IOException {
        try {
            return in.read();
        } catch (ImageSourceException e) {
            throw e;
        } catch (IOException e) {
            throw new ImageSourceException("cannot read layer " + digest + ": " + e.getMessage(), e);
        }
    }

    @Override
    public int read(byte[] buffer, int offset, int length) throws IOException {
        try {
            return in.read(buffer, offset, length);
        } catch (ImageSourceException e) {
            throw e;
        } catch (IOException e) {
            throw new ImageSourceException("cannot read layer " + digest + ": " + e.getMessage(), e);
        }
    }
}
