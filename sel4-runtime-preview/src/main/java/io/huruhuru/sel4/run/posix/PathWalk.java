package io.huruhuru.sel4.run.posix;

import io.huruhuru.sel4.run.RootFilesystem;
import io.huruhuru.sel4.run.RootFilesystem.Entry;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;

/**
 * Path resolution as Linux's path walk does it (fs/namei.c) over a {@link RootFilesystem}: ".." stops at the
 * root, links are followed within the root (at most 40, MAXSYMLINKS, else ELOOP), a non-directory in the middle
 * is ENOTDIR, a missing component ENOENT.
 */
final class PathWalk {

    static final int MAX_LINKS = 40;
    static final int PATH_MAX = 4096;

    /** A resolved path and what is there. */
    record Found(List<String> path, Entry entry) {
    }

    private PathWalk() {
    }

    static Found resolve(RootFilesystem fs, List<String> base, String path, boolean followLast) {
        if (path.isEmpty()) {
            throw new SyscallFailure(Errno.ENOENT);
        }
        List<String> current = path.startsWith("/") ? new ArrayList<>() : new ArrayList<>(base);
        Deque<String> todo = new ArrayDeque<>(components(path));
        boolean mustBeDirectory = path.endsWith("/");
        int links = 0;
        Entry entry = fs.entry(current).orElseThrow(() -> new SyscallFailure(Errno.ENOENT));
        while (!todo.isEmpty()) {
            String c = todo.poll();
            if (c.equals("..")) {
                if (!current.isEmpty()) {
                    current.remove(current.size() - 1);
                }
                entry = fs.entry(current).orElseThrow(() -> new SyscallFailure(Errno.ENOENT));
                continue;
            }
            List<String> candidate = new ArrayList<>(current);
            candidate.add(c);
            Entry e = fs.entry(candidate).orElseThrow(() -> new SyscallFailure(Errno.ENOENT));
            boolean last = todo.isEmpty();
            if (e instanceof Entry.Symlink link && (!last || followLast || mustBeDirectory)) {
                if (++links > MAX_LINKS) {
                    throw new SyscallFailure(Errno.ELOOP);
                }
                List<String> target = components(link.target());
                for (int i = target.size() - 1; i >= 0; i--) {
                    todo.push(target.get(i));
                }
                if (link.target().startsWith("/")) {
                    current.clear();
                    entry = fs.entry(current).orElseThrow(() -> new SyscallFailure(Errno.ENOENT));
                }
                continue;
            }
            if (!last && !(e instanceof Entry.Directory)) {
                throw new SyscallFailure(Errno.ENOTDIR);
            }
            current = candidate;
            entry = e;
        }
        if (mustBeDirectory && !(entry instanceof Entry.Directory)) {
            throw new SyscallFailure(Errno.ENOTDIR);
        }
        return new Found(List.copyOf(current), entry);
    }

    /** The non-empty components other than "." of a path. */
    static List<String> components(String path) {
        List<String> out = new ArrayList<>();
        for (String c : path.split("/")) {
            if (!c.isEmpty() && !c.equals(".")) {
                out.add(c);
            }
        }
        return out;
    }
}
