package io.huruhuru.validation.rootfs;

import io.huruhuru.sel4.run.RootFilesystem;
import io.huruhuru.validation.layer.EntryType;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeSet;

/**
 * An image's merged layers as the model's read-only root filesystem: the metadata of {@link Rootfs} with the
 * bytes of its regular files, loaded once and bounded by {@link ImageFileContents}. Links are reported, never
 * followed (the runtime resolves them inside the root). Layers carry no times the model uses, so every mtime is 0
 * and runs stay deterministic. Device nodes and fifos are not served: they are absent, as on a directory root.
 */
public final class ImageRootFilesystem implements RootFilesystem {

    private static final int DEFAULT_DIRECTORY_MODE = 0755;

    private final Rootfs rootfs;
    private final ImageFileContents contents;

    ImageRootFilesystem(Rootfs rootfs, ImageFileContents contents) {
        this.rootfs = Objects.requireNonNull(rootfs, "rootfs");
        this.contents = Objects.requireNonNull(contents, "contents");
    }

    @Override
    public Optional<Entry> entry(List<String> path) {
        String key = key(path);
        if (!parentsAreDirectories(path)) {
            return Optional.empty();
        }
        if (key.isEmpty()) {
            return Optional.of(new Entry.Directory(children(key), rootMode(), 0));
        }
        Node node = rootfs.get(key);
        if (node == null) {
            return hasChildren(key) ? Optional.of(new Entry.Directory(children(key), DEFAULT_DIRECTORY_MODE, 0))
                    : Optional.empty();
        }
        return served(key, node);
    }

    @Override
    public int read(List<String> path, long offset, byte[] buffer, int at, int length) {
        Node node = rootfs.get(key(path));
        if (node == null || node.type() != EntryType.FILE || !parentsAreDirectories(path)) {
            throw new IllegalArgumentException("not a regular file of the image: /" + key(path));
        }
        byte[] bytes = contents.of(node);
        if (offset >= bytes.length) {
            return 0;
        }
        int n = (int) Math.min(length, bytes.length - offset);
        System.arraycopy(bytes, (int) offset, buffer, at, n);
        return n;
    }

    /** The whole content of the regular file at an image path (normalised, no leading slash), if it is one. */
    public Optional<byte[]> content(String path) {
        Node node = rootfs.get(path);
        return node == null || node.type() != EntryType.FILE ? Optional.empty()
                : Optional.of(contents.of(node).clone());
    }

    private Optional<Entry> served(String key, Node node) {
        int mode = node.mode() & 07777;
        return switch (node.type()) {
            case FILE -> Optional.of(new Entry.File(node.size(), mode, 0));
            case DIRECTORY -> Optional.of(new Entry.Directory(children(key), mode, 0));
            case SYMLINK -> Optional.of(new Entry.Symlink(node.linkTarget() == null ? "" : node.linkTarget()));
            default -> Optional.empty();
        };
    }

    private int rootMode() {
        Node root = rootfs.get("");
        return root != null && root.type() == EntryType.DIRECTORY ? root.mode() & 07777 : DEFAULT_DIRECTORY_MODE;
    }

    /**
     * Whether each parent is a directory, stored or implied by entries below it: a layer may hold {@code a/b}
     * under a file {@code a} (Rootfs keeps it as written), which no lookup through {@code a} may reach.
     */
    private boolean parentsAreDirectories(List<String> path) {
        StringBuilder parent = new StringBuilder();
        for (int i = 0; i < path.size() - 1; i++) {
            if (i > 0) {
                parent.append('/');
            }
            parent.append(path.get(i));
            Node node = rootfs.get(parent.toString());
            if (node != null && node.type() != EntryType.DIRECTORY) {
                return false;
            }
        }
        return true;
    }

    private boolean hasChildren(String key) {
        return !children(key).isEmpty();
    }

    /** Names directly below a directory, explicit or implied by deeper entries; unserved types left out. */
    private List<String> children(String key) {
        String prefix = key.isEmpty() ? "" : key + "/";
        // '/' + 1 is '0': the range holds exactly the keys below "key/"
        Map<String, Node> below = key.isEmpty() ? rootfs.nodes()
                : rootfs.nodes().subMap(prefix, true, key + "0", false);
        TreeSet<String> names = new TreeSet<>();
        for (Map.Entry<String, Node> e : below.entrySet()) {
            String rest = e.getKey().substring(prefix.length());
            if (rest.isEmpty()) {
                continue;
            }
            int slash = rest.indexOf('/');
            if (slash >= 0) {
                names.add(rest.substring(0, slash));
            } else if (servedType(e.getValue().type())) {
                names.add(rest);
            }
        }
        return new ArrayList<>(names);
    }

    private static boolean servedType(EntryType type) {
        return type == EntryType.FILE || type == EntryType.DIRECTORY || type == EntryType.SYMLINK;
    }

    private static String key(List<String> path) {
        for (String component : path) {
            if (component.isEmpty() || component.equals(".") || component.equals("..") || component.contains("/")) {
                throw new IllegalArgumentException("not a resolved path component: '" + component + "'");
            }
        }
        return String.join("/", path);
    }
}
