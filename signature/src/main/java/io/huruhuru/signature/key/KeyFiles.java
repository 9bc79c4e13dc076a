package io.huruhuru.signature.key;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFileAttributeView;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Reads and writes key files: PKCS#8 PEM private keys ({@code PRIVATE KEY}, or SEC1 {@code EC PRIVATE KEY} as
 * OpenSSL writes it), PEM public keys, JWK Sets.
 *
 * <p>A key file that {@link #loadOrGenerate(Path)} manages must be readable by its owner only: one that group or
 * others may read or write is refused, as ssh refuses such an identity file. A key named by the configuration
 * ({@link #readPkcs8}) is not checked so: secrets mounted by an orchestrator are often 0644 in a private directory.
 */
public final class KeyFiles {

    private static final int MAX_KEY_FILE_BYTES = 64 << 10;
    private static final Set<PosixFilePermission> OWNER_ONLY = PosixFilePermissions.fromString("rw-------");
    private static final Set<PosixFilePermission> GROUP_OR_OTHERS = EnumSet.of(PosixFilePermission.GROUP_READ,
            PosixFilePermission.GROUP_WRITE, PosixFilePermission.OTHERS_READ, PosixFilePermission.OTHERS_WRITE);

    private KeyFiles() {
    }

    /**
     * The private key in {@code pem}: unencrypted PKCS#8 ({@code PRIVATE KEY}) or SEC1 ({@code EC PRIVATE KEY}),
     * P-256, under {@code id} or else the id derived from its public key.
     *
     * @throws KeyException naming the file and what is wrong with it
     */
    public static SigningKey readPkcs8(Path pem, Optional<KeyId> id) {
        String where = pem.toString();
        return Pem.privateKey(Pem.onlyBlock(read(pem), where), where, id);
    }

    /**
     * The signing key in {@code file}, created first if there is none: a new key is written as PKCS#8 PEM to a
     * temporary file beside it, created with mode 0600 before any byte is written, synced, then linked under
     * {@code file}, which appears whole or not at all (a crash leaves at most a temporary file, never an empty key
     * file), and is never replaced (two starts racing both end with the one that was linked first).
     *
     * @throws KeyException if the file exists but cannot be read, is no P-256 private key, or group or others may
     *     read or write it; or if it cannot be created
     */
    public static SigningKey loadOrGenerate(Path file) {
        if (Files.exists(file)) {
            return readOwnerOnly(file);
        }
        SigningKey key = SigningKey.generate(new SecureRandom());
        Path temporary = null;
        try {
            Path parent = file.toAbsolutePath().getParent();
            Files.createDirectories(parent);
            temporary = createOwnerOnly(parent, file.getFileName().toString());
            try (FileChannel channel = FileChannel.open(temporary, StandardOpenOption.WRITE)) {
                ByteBuffer bytes = ByteBuffer.wrap(key.pkcs8Pem().getBytes(StandardCharsets.US_ASCII));
                while (bytes.hasRemaining()) {
                    channel.write(bytes);
                }
                channel.force(true);
            }
            Files.createLink(file, temporary);
        } catch (FileAlreadyExistsException e) {
            return readOwnerOnly(file); // another process linked its key first: use theirs
        } catch (IOException e) {
            throw new KeyException("cannot create the key file " + file + ": " + describe(e), e);
        } finally {
            if (temporary != null) {
                deleteQuietly(temporary);
            }
        }
        return key;
    }

    /**
     * The public key in {@code pem}: a {@code PUBLIC KEY} block, or a private key block whose public part is taken.
     *
     * @throws KeyException naming the file and what is wrong with it
     */
    public static VerificationKey readPublic(Path pem) {
        String where = pem.toString();
        return Pem.publicKey(Pem.onlyBlock(read(pem), where), where);
    }

    /** Every key in a PEM file of one or more blocks, as {@link #parsePem(String)} reads them. */
    public static List<VerificationKey> readPublicKeys(Path pem) {
        return parsePem(read(pem), pem.toString());
    }

    /** Every key in a PEM text of one or more blocks (public or private keys; the public parts are kept). */
    public static List<VerificationKey> parsePem(String text) {
        return parsePem(text, "the PEM text");
    }

    /** As {@link #parsePem(String)}, naming {@code where} the text came from in errors. */
    public static List<VerificationKey> parsePem(String text, String where) {
        List<VerificationKey> keys = new ArrayList<>();
        for (Pem.Block block : Pem.blocks(text, where)) {
            keys.add(Pem.publicKey(block, where));
        }
        return keys;
    }

    /** The P-256 signing keys of a JWK Set ({@code {"keys":[...]}}); keys of other types or uses are skipped. */
    public static List<VerificationKey> parseJwks(byte[] json) {
        return Jwks.parse(json, "the JWK Set");
    }

    /** As {@link #parseJwks(byte[])}, naming {@code where} the JSON came from in errors. */
    public static List<VerificationKey> parseJwks(byte[] json, String where) {
        return Jwks.parse(json, where);
    }

    private static SigningKey readOwnerOnly(Path file) {
        PosixFileAttributeView view = Files.getFileAttributeView(file, PosixFileAttributeView.class);
        if (view != null) {
            Set<PosixFilePermission> permissions;
            try {
                permissions = view.readAttributes().permissions();
            } catch (IOException e) {
                throw new KeyException("cannot read the mode of the key file " + file + ": " + describe(e), e);
            }
            Set<PosixFilePermission> open = EnumSet.noneOf(PosixFilePermission.class);
            open.addAll(permissions);
            open.retainAll(GROUP_OR_OTHERS);
            if (!open.isEmpty()) {
                throw new KeyException("the key file " + file + " has mode " + PosixFilePermissions.toString(permissions)
                        + ": group or others may read or write it; make it readable by its owner only (chmod 600)");
            }
        }
        return readPkcs8(file, Optional.empty());
    }

    /** A new empty file in {@code directory}, created with mode 0600. */
    private static Path createOwnerOnly(Path directory, String name) throws IOException {
        if (!Files.getFileStore(directory).supportsFileAttributeView(PosixFileAttributeView.class)) {
            throw new IOException("the file system has no POSIX file modes, so the key file cannot be made 0600");
        }
        return Files.createTempFile(directory, "." + name + ".", ".new", PosixFilePermissions.asFileAttribute(OWNER_ONLY));
    }

    private static String read(Path file) {
        try {
            if (Files.isDirectory(file)) {
                throw new KeyException("the key file " + file + " is a directory");
            }
            if (Files.size(file) > MAX_KEY_FILE_BYTES) {
                throw new KeyException("the key file " + file + " is larger than " + MAX_KEY_FILE_BYTES
                        + " bytes: not a key");
            }
            return Files.readString(file, StandardCharsets.ISO_8859_1);
        } catch (NoSuchFileException e) {
            throw new KeyException("the key file " + file + " does not exist", e);
        } catch (AccessDeniedException e) {
            throw new KeyException("the key file " + file + " cannot be read: permission denied", e);
        } catch (IOException e) {
            throw new KeyException("the key file " + file + " cannot be read: " + describe(e), e);
        }
    }

    private static String describe(IOException e) {
        return e instanceof AccessDeniedException ? "permission denied"
                : e instanceof NoSuchFileException ? "no such file or directory" : String.valueOf(e.getMessage());
    }

    private static void deleteQuietly(Path file) {
        try {
            Files.deleteIfExists(file);
        } catch (IOException e) {
            // the write failure is what the caller needs to hear about
        }
    }
}
