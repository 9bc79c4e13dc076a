package io.huruhuru.validation.rootfs;

import io.huruhuru.validation.RuleId;
import io.huruhuru.validation.Violation;
import io.huruhuru.validation.layer.EntryPath;
import io.huruhuru.validation.layer.EntryType;
import io.huruhuru.validation.layer.LayerEntry;
import io.huruhuru.validation.layer.LayerFacts;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.NavigableMap;
import java.util.TreeMap;

/**
 * The filesystem that applying the layers in order gives (image-spec layer.md, "Applying Changesets"), as
 * metadata only. Paths are normalised and have no leading slash; the root is {@code ""}.
 *
 * <p>Whiteouts and opaque markers of a layer hide only what lower layers hold; an entry that is not a directory
 * replaces a whole subtree; a directory over a directory keeps its children. Symbolic links among an entry's
 * parent directories are followed inside the rootfs, as containerd and Docker do when they apply a layer, so
 * {@code bin/hello} over a {@code bin -> usr/bin} link lands at {@code usr/bin/hello}.
 */
public final class Rootfs {

    /** Characters of paths that placing entries may resolve, per rootfs (hostile deep paths stop here). */
    static final long PLACEMENT_BUDGET = 50_000_000;
    /** Characters one lookup of the binary or spec file may walk (40 links of up to 4096 bytes fit easily). */
    static final long LOOKUP_BUDGET = 16_000_000;

    /** Linux's bound on symbolic links followed in one lookup (MAXSYMLINKS, fs/namei.c). */
    public static final int MAX_SYMLINKS = 40;

    private final NavigableMap<String, Node> nodes;
    private final List<Violation> problems;

    private Rootfs(NavigableMap<String, Node> nodes, List<Violation> problems) {
        this.nodes = nodes;
        this.problems = List.copyOf(problems);
    }

    /** Applies {@code layers} in order, lowest first. */
    public static Rootfs build(List<LayerFacts> layers) {
        TreeMap<String, Node> nodes = new TreeMap<>();
        List<Violation> problems = new ArrayList<>();
        long[] budget = {PLACEMENT_BUDGET};
        for (int index = 0; index < layers.size(); index++) {
            List<LayerEntry> entries = layers.get(index).entries();
            for (LayerEntry e : entries) {
                if (e.type() == EntryType.WHITEOUT) {
                    String path = placed(nodes, e.path(), budget);
                    nodes.remove(path);
                    removeChildren(nodes, path);
                } else if (e.type() == EntryType.OPAQUE) {
                    removeChildren(nodes, e.path().isEmpty() ? "" : placedDirectory(nodes, e.path(), budget));
                }
            }
            for (LayerEntry e : entries) {
                add(nodes, e, index, problems, budget);
            }
        }
        if (budget[0] < 0) {
            problems.add(RuleId.LAYER_LIMIT.violation("", "resolving the parent directories of tar entries through "
                    + "symbolic links took too many steps; the remaining entries were placed as written",
                    "at most " + PLACEMENT_BUDGET + " path characters resolved", "more"));
        }
        return new Rootfs(nodes, problems);
    }

    private static void add(TreeMap<String, Node> nodes, LayerEntry entry, int layer, List<Violation> problems,
            long[] budget) {
        LayerEntry e = new LayerEntry(placed(nodes, entry.path(), budget), entry.type(), entry.mode(), entry.size(),
                entry.type() == EntryType.HARDLINK ? placed(nodes, entry.linkTarget(), budget) : entry.linkTarget(),
                entry.elfHead());
        switch (e.type()) {
            case WHITEOUT, OPAQUE -> {
                return;
            }
            case DIRECTORY -> {
                nodes.put(e.path(), new Node(EntryType.DIRECTORY, e.mode(), 0, null, null, layer, e.path()));
                return;
            }
            case HARDLINK -> {
                Node target = nodes.get(e.linkTarget());
                if (target == null || target.type() == EntryType.DIRECTORY) {
                    problems.add(RuleId.ROOTFS_HARDLINK_MISSING.violation("/" + e.path(), "a hard link points at "
                            + "/" + e.linkTarget() + ", which is not a file of the rootfs at that point",
                            "an existing file /" + e.linkTarget(), target == null ? Violation.ABSENT : "a directory"));
                    return;
                }
                removeChildren(nodes, e.path());
                nodes.put(e.path(), target);
                return;
            }
            default -> {
                removeChildren(nodes, e.path());
                // the content stays where the tar wrote it, which differs from e.path() under a linked parent
                nodes.put(e.path(), new Node(e.type(), e.mode(), e.size(), e.linkTarget(), e.elfHead(), layer,
                        entry.path()));
            }
        }
    }

    private static void removeChildren(TreeMap<String, Node> nodes, String path) {
        if (path.isEmpty()) {
            nodes.clear();
            return;
        }
        // '/' + 1 is '0': the range holds exactly the keys below "path/"
        nodes.subMap(path + "/", true, path + "0", false).clear();
    }

    /** Where {@code path} lands: its parent directory resolved through symbolic links inside the rootfs. */
    private static String placed(NavigableMap<String, Node> nodes, String path, long[] budget) {
        String parent = EntryPath.parent(path);
        if (parent.isEmpty()) {
            return path;
        }
        return EntryPath.join(placedDirectory(nodes, parent, budget), EntryPath.baseName(path));
    }

    /**
     * The directory as placed. Keys are always placed paths, so a directory that is a key needs no resolving (the
     * usual case); otherwise it is resolved while the build's budget lasts, so that hostile deep paths cannot make
     * applying layers quadratic.
     */
    private static String placedDirectory(NavigableMap<String, Node> nodes, String directory, long[] budget) {
        Node known = nodes.get(directory);
        if (known != null && known.type() == EntryType.DIRECTORY || budget[0] < 0) {
            return directory;
        }
        Lookup lookup = resolve(nodes, "/" + directory, budget);
        if (lookup instanceof Lookup.Found found && found.node().type() == EntryType.DIRECTORY) {
            return found.path().substring(1);
        }
        return directory; // missing (created implicitly), a loop or a file: keep the path as written
    }

    /** Problems met while applying the layers (hard links to nothing). */
    public List<Violation> problems() {
        return problems;
    }

    /** Number of paths in the rootfs. */
    public int size() {
        return nodes.size();
    }

    /** The node at exactly {@code path} (normalised), without following links. */
    public Node get(String path) {
        return nodes.get(path);
    }

    /** All nodes in path order. */
    public NavigableMap<String, Node> nodes() {
        return java.util.Collections.unmodifiableNavigableMap(nodes);
    }

    /**
     * Resolves an absolute path, following symbolic links (the last one too) inside the rootfs only: {@code ..} at
     * the root stays at the root and absolute link targets start from the rootfs's root, as under chroot.
     */
    public Lookup resolve(String absolutePath) {
        return resolve(nodes, absolutePath, new long[] {LOOKUP_BUDGET});
    }

    /** Resolves, charging each step's path length to {@code budget}; a spent budget ends the walk as a loop. */
    private static Lookup resolve(NavigableMap<String, Node> nodes, String absolutePath, long[] budget) {
        Deque<String> todo = new ArrayDeque<>(List.of(absolutePath.split("/")));
        Deque<String> current = new ArrayDeque<>();
        int followed = 0;
        while (!todo.isEmpty()) {
            String segment = todo.pollFirst();
            if (segment.isEmpty() || segment.equals(".")) {
                continue;
            }
            if (segment.equals("..")) {
                current.pollLast();
                continue;
            }
            current.addLast(segment);
            String path = String.join("/", current);
            budget[0] -= path.length() + 1;
            if (budget[0] < 0) {
                return new Lookup.Loop("/" + path);
            }
            Node node = nodes.get(path);
            if (node == null) {
                if (hasChildren(nodes, path)) {
                    continue; // a directory implied by its entries
                }
                return new Lookup.Missing("/" + path);
            }
            if (node.type() == EntryType.SYMLINK) {
                if (++followed > MAX_SYMLINKS) {
                    return new Lookup.Loop("/" + path);
                }
                current.pollLast();
                String target = node.linkTarget() == null ? "" : node.linkTarget();
                if (target.startsWith("/")) {
                    current.clear();
                }
                String[] parts = target.split("/");
                for (int i = parts.length - 1; i >= 0; i--) {
                    todo.addFirst(parts[i]);
                }
                continue;
            }
            if (!todo.isEmpty() && node.type() != EntryType.DIRECTORY && hasMore(todo)) {
                return new Lookup.NotDirectory("/" + path);
            }
        }
        String path = String.join("/", current);
        Node node = path.isEmpty() ? new Node(EntryType.DIRECTORY, 0755, 0, null, null, -1, "") : nodes.get(path);
        if (node == null) {
            node = new Node(EntryType.DIRECTORY, 0755, 0, null, null, -1, path);
        }
        return new Lookup.Found("/" + path, node);
    }

    private static boolean hasMore(Deque<String> todo) {
        for (String s : todo) {
            if (!s.isEmpty() && !s.equals(".")) {
                return true;
            }
        }
        return false;
    }

    private static boolean hasChildren(NavigableMap<String, Node> nodes, String path) {
        String next = nodes.ceilingKey(path + "/");
        return next != null && next.startsWith(path + "/");
    }
}
