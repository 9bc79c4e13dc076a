package io.huruhuru.e2e.image;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/** OCI content digests ({@code sha256:<hex>}) computed here, independently of the registry and the clients. */
public final class Digests {

    private Digests() {
    }

    public static String sha256(byte[] content) {
        return "sha256:" + HexFormat.of().formatHex(newSha256().digest(content));
    }

    public static String sha256(Path file) {
        MessageDigest digest = newSha256();
        byte[] buffer = new byte[64 * 1024];
        try (InputStream in = Files.newInputStream(file)) {
            for (int read = in.read(buffer); read >= 0; read = in.read(buffer)) {
                digest.update(buffer, 0, read);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return "sha256:" + HexFormat.of().formatHex(digest.digest());
    }

    /** The hex part, as podman and docker print image ids and as OCI layouts name blob files. */
    public static String hex(String digest) {
        int colon = digest.indexOf(':');
        if (colon < 0) {
            throw new IllegalArgumentException("not a digest: " + digest);
        }
        return digest.substring(colon + 1);
    }

    private static MessageDigest newSha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JDK has SHA-256", e);
        }
    }
}
