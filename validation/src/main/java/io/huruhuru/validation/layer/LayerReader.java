package io.huruhuru.validation.layer;

import com.github.luben.zstd.ZstdInputStream;
import io.huruhuru.oci.Digest;
import io.huruhuru.oci.DigestAlgorithm;
import io.huruhuru.validation.ImageSourceException;
import io.huruhuru.validation.RuleId;
import io.huruhuru.validation.Violation;
import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.zip.GZIPInputStream;

/**
 * Reads one layer blob as a stream into {@link LayerFacts}: tar, tar+gzip or tar+zstd, told apart by magic bytes.
 *
 * <p>Only metadata is kept, plus the head of every ELF file and the content of the asked-for paths. Hostile
 * content becomes a violation in the facts: a bad entry path skips that entry; a truncated or malformed stream,
 * or one beyond the {@link ReadLimits}, stops reading the layer.
 */
public final class LayerReader {

    private static final byte[] ELF_MAGIC = {0x7f, 'E', 'L', 'F'};
    private static final String WHITEOUT_PREFIX = ".wh.";
    private static final String OPAQUE_MARKER = ".wh..wh..opq";

    private final ReadLimits limits;

    public LayerReader(ReadLimits limits) {
        this.limits = limits;
    }

    /**
     * Reads the layer {@code digest} from {@code blob} (which this method closes).
     *
     * @param capturePaths normalised paths (no leading slash) whose content to keep if they are small regular files
     * @throws ImageSourceException if the blob stream itself fails; corrupt content is a violation instead
     */
    public LayerFacts read(Digest digest, InputStream blob, Set<String> capturePaths) throws ImageSourceException {
        return read(digest, blob, Capture.paths(capturePaths));
    }

    /**
     * Reads the layer {@code digest} from {@code blob} (which this method closes), keeping the content of the files
     * {@code capture} wants; the facts' capture paths are its named paths and the paths kept.
     *
     * @throws ImageSourceException if the blob stream itself fails; corrupt content is a violation instead
     */
    public LayerFacts read(Digest digest, InputStream blob, Capture capture) throws ImageSourceException {
        return readBeforeDigest(digest.toString(), blob, capture).at(digest);
    }

    /**
     * Reads a layer whose digest is not known yet (it is being uploaded) from {@code blob} (which this method
     * closes), placing problems at {@code where}; {@link LayerReading#at} keys the result once the digest is known.
     *
     * @throws ImageSourceException if the blob stream itself fails; corrupt content is a violation instead
     */
    public LayerReading readBeforeDigest(String where, InputStream blob, Capture capture)
            throws ImageSourceException {
        MessageDigest sha256 = sha256();
        List<LayerEntry> entries = new ArrayList<>();
        List<Violation> problems = new ArrayList<>();
        TreeMap<String, byte[]> captured = new TreeMap<>();
        String compression = "tar";
        ExpansionGuard expanded = null;
        boolean complete = false;
        try (InputStream source = new BufferedInputStream(new SourceGuard(blob, where), 64 << 10)) {
            compression = detect(source);
            if (!compression.equals("gzip") && !compression.equals("zstd") && !compression.equals("tar")) {
                problems.add(RuleId.LAYER_UNREADABLE.violation(where, "the layer is compressed with " + compression
                        + ", which OCI layers do not use", "tar, tar+gzip or tar+zstd", compression));
            } else {
                // closed on every path: the zstd decoder holds native memory
                try (InputStream decompressed = decompress(source, compression)) {
                    expanded = new ExpansionGuard(new BufferedInputStream(decompressed, 64 << 10),
                            limits.maxExpandedBytes(), sha256);
                    complete = readEntries(new TarReader(expanded, limits), entries, problems, captured,
                            capture);
                    if (complete) {
                        drain(expanded);
                        // the blob's own end too, so a verifying source sees all of it (gzip stops at its trailer)
                        drain(source);
                    }
                }
            }
        } catch (ImageSourceException e) {
            throw e;
        } catch (ExpansionGuard.LimitExceeded e) {
            complete = false;
            problems.add(RuleId.LAYER_LIMIT.violation(where, "the layer expands to more bytes than allowed",
                    "at most " + limits.maxExpandedBytes() + " bytes", "more than " + limits.maxExpandedBytes()));
        } catch (IOException | RuntimeException e) {
            // zstd-jni reports corrupt frames as RuntimeException (ZstdIOException is an IOException)
            complete = false;
            problems.add(RuleId.LAYER_UNREADABLE.violation(where, "the layer's " + compression
                    + " stream cannot be read: " + e.getMessage(), "a valid " + compression + " stream",
                    e.getClass().getSimpleName()));
        }
        Optional<Digest> diffId = complete
                ? Optional.of(new Digest(DigestAlgorithm.SHA256, HexFormat.of().formatHex(sha256.digest())))
                : Optional.empty();
        TreeSet<String> capturePaths = new TreeSet<>(capture.named());
        capturePaths.addAll(captured.keySet());
        return new LayerReading(where, compression, expanded == null ? 0 : expanded.count(), diffId, entries,
                problems, capturePaths, captured);
    }

    private boolean readEntries(TarReader tar, List<LayerEntry> entries, List<Violation> problems,
            TreeMap<String, byte[]> captured, Capture capture) throws IOException {
        try {
            TarHeader header;
            while ((header = tar.next()) != null) {
                LayerEntry entry = entry(tar, header, problems, captured, capture);
                if (entry != null) {
                    entries.add(entry);
                }
            }
            return true;
        } catch (TarFormatException e) {
            problems.add(e.violation());
            return false;
        }
    }

    private LayerEntry entry(TarReader tar, TarHeader header, List<Violation> problems,
            TreeMap<String, byte[]> captured, Capture capture) throws IOException, TarFormatException {
        EntryPath.Result name = EntryPath.normalise(header.name());
        if (!name.ok()) {
            problems.add(name.problem() == EntryPath.Problem.ABSOLUTE
                    ? RuleId.ROOTFS_PATH_ABSOLUTE.violation(header.name(), "a tar entry has an absolute path",
                            "a path relative to the rootfs", header.name())
                    : RuleId.ROOTFS_PATH_TRAVERSAL.violation(header.name(),
                            "a tar entry's path climbs out of the rootfs", "a path inside the rootfs", header.name()));
            return null;
        }
        String path = name.path();
        if (path.isEmpty()) {
            return null; // the rootfs directory itself ("./")
        }
        String base = EntryPath.baseName(path);
        if (base.equals(OPAQUE_MARKER)) {
            return new LayerEntry(EntryPath.parent(path), EntryType.OPAQUE, 0, 0, null, null);
        }
        if (base.startsWith(WHITEOUT_PREFIX)) {
            String hidden = base.substring(WHITEOUT_PREFIX.length());
            if (hidden.startsWith(WHITEOUT_PREFIX) || hidden.isEmpty() || hidden.equals("..") || hidden.equals(".")) {
                return null; // other .wh..wh. names are reserved (image-spec layer.md) and carry no change
            }
            return new LayerEntry(EntryPath.join(EntryPath.parent(path), hidden), EntryType.WHITEOUT, 0, 0, null,
                    null);
        }
        int mode = header.mode();
        return switch (header.typeFlag()) {
            case '0', '\0', '7' -> regularFile(tar, path, header, captured, capture);
            case '5' -> new LayerEntry(path, EntryType.DIRECTORY, mode, 0, null, null);
            case '2' -> new LayerEntry(path, EntryType.SYMLINK, mode, 0, header.linkName(), null);
            case '1' -> hardLink(path, header, problems);
            case '3' -> new LayerEntry(path, EntryType.CHAR_DEVICE, mode, 0, null, null);
            case '4' -> new LayerEntry(path, EntryType.BLOCK_DEVICE, mode, 0, null, null);
            case '6' -> new LayerEntry(path, EntryType.FIFO, mode, 0, null, null);
            default -> {
                problems.add(RuleId.LAYER_ENTRY_TYPE.violation("/" + path, "a tar entry of type '"
                        + printable(header.typeFlag()) + "' is ignored", "a file, directory, link, device or fifo",
                        "type '" + printable(header.typeFlag()) + "'"));
                yield null;
            }
        };
    }

    private LayerEntry hardLink(String path, TarHeader header, List<Violation> problems) {
        EntryPath.Result target = EntryPath.normalise(header.linkName());
        if (!target.ok() || target.path().isEmpty()) {
            problems.add(RuleId.ROOTFS_HARDLINK_ESCAPE.violation("/" + path, "a hard link points outside the rootfs",
                    "a path inside the rootfs", header.linkName()));
            return null;
        }
        return new LayerEntry(path, EntryType.HARDLINK, header.mode(), 0, target.path(), null);
    }

    private LayerEntry regularFile(TarReader tar, String path, TarHeader header, TreeMap<String, byte[]> captured,
            Capture capture) throws IOException, TarFormatException {
        long size = header.size();
        byte[] head;
        if (size <= limits.maxCaptureBytes() && capture.wants(path, size)) {
            byte[] content = readUpTo(tar, (int) size);
            captured.put(path, content);
            head = content;
        } else {
            head = readUpTo(tar, (int) Math.min(size, 64));
            if (isElf64Header(head)) {
                head = extendToProgramHeaders(tar, head, size);
            }
        }
        if (!startsWith(head, ELF_MAGIC)) {
            return new LayerEntry(path, EntryType.FILE, header.mode(), size, null, null);
        }
        byte[] elfHead = Arrays.copyOf(head, Math.min(head.length, elfHeadLength(head, size)));
        return new LayerEntry(path, EntryType.FILE, header.mode(), size, null, elfHead);
    }

    /** Bytes worth keeping from an ELF file: the header and, for ELF64, the program header table, within bounds. */
    private int elfHeadLength(byte[] head, long size) {
        if (!isElf64Header(head)) {
            return (int) Math.min(size, 64);
        }
        long end = programHeaderEnd(head);
        return (int) Math.min(Math.min(size, Math.max(64, end)), limits.elfHeadBytes());
    }

    private byte[] extendToProgramHeaders(TarReader tar, byte[] head, long size) throws IOException,
            TarFormatException {
        long end = Math.min(Math.min(programHeaderEnd(head), size), limits.elfHeadBytes());
        if (end <= head.length) {
            return head;
        }
        byte[] rest = readUpTo(tar, (int) (end - head.length));
        byte[] all = Arrays.copyOf(head, head.length + rest.length);
        System.arraycopy(rest, 0, all, head.length, rest.length);
        return all;
    }

    /** e_phoff + e_phnum * e_phentsize of an ELF64 header, saturating; the byte order is the header's own. */
    private static long programHeaderEnd(byte[] head) {
        boolean little = head[5] != 2;
        long phoff = bytes(head, 32, 8, little);
        long phentsize = bytes(head, 54, 2, little);
        long phnum = bytes(head, 56, 2, little);
        if (phoff < 0 || phoff > Long.MAX_VALUE / 2) {
            return Long.MAX_VALUE;
        }
        return phoff + phentsize * phnum;
    }

    private static long bytes(byte[] data, int offset, int length, boolean little) {
        long value = 0;
        for (int i = 0; i < length; i++) {
            int b = data[little ? offset + length - 1 - i : offset + i] & 0xff;
            value = (value << 8) | b;
        }
        return value;
    }

    private static boolean isElf64Header(byte[] head) {
        return head.length >= 64 && startsWith(head, ELF_MAGIC) && head[4] == 2;
    }

    private static boolean startsWith(byte[] data, byte[] prefix) {
        if (data.length < prefix.length) {
            return false;
        }
        for (int i = 0; i < prefix.length; i++) {
            if (data[i] != prefix[i]) {
                return false;
            }
        }
        return true;
    }

    private static byte[] readUpTo(TarReader tar, int length) throws IOException, TarFormatException {
        ByteArrayOutputStream out = new ByteArrayOutputStream(Math.min(length, 64 << 10));
        byte[] buffer = new byte[Math.min(Math.max(length, 1), 64 << 10)];
        int left = length;
        while (left > 0) {
            int n = tar.read(buffer, 0, Math.min(buffer.length, left));
            if (n < 0) {
                break;
            }
            out.write(buffer, 0, n);
            left -= n;
        }
        return out.toByteArray();
    }

    private static InputStream decompress(InputStream source, String compression) throws IOException {
        return switch (compression) {
            case "gzip" -> new GZIPInputStream(source, 64 << 10);
            case "zstd" -> new ZstdInputStream(source);
            default -> new java.io.FilterInputStream(source) {
                @Override
                public void close() {
                    // the caller closes the blob stream
                }
            };
        };
    }

    private static String detect(InputStream in) throws IOException {
        in.mark(8);
        byte[] magic = in.readNBytes(6);
        in.reset();
        if (magic.length >= 2 && (magic[0] & 0xff) == 0x1f && (magic[1] & 0xff) == 0x8b) {
            return "gzip";
        }
        if (magic.length >= 4 && (magic[0] & 0xff) == 0x28 && (magic[1] & 0xff) == 0xb5 && (magic[2] & 0xff) == 0x2f
                && (magic[3] & 0xff) == 0xfd) {
            return "zstd";
        }
        if (magic.length >= 3 && magic[0] == 'B' && magic[1] == 'Z' && magic[2] == 'h') {
            return "bzip2";
        }
        if (magic.length >= 6 && (magic[0] & 0xff) == 0xfd && magic[1] == '7' && magic[2] == 'z' && magic[3] == 'X'
                && magic[4] == 'Z' && magic[5] == 0) {
            return "xz";
        }
        return "tar";
    }

    private static void drain(InputStream in) throws IOException {
        byte[] buffer = new byte[64 << 10];
        while (in.read(buffer) >= 0) {
            // the rest (end-of-archive blocks, padding) belongs to the diff_id too
        }
    }

    private static String printable(char c) {
        return c >= 0x20 && c < 0x7f ? String.valueOf(c) : String.format("\\x%02x", (int) c);
    }

    private static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("the JDK lacks SHA-256", e);
        }
    }
}
